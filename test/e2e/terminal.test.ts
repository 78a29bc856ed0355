import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { startHost, type RunningHost } from '../support/host';
import { launchChromium, openApp } from '../support/browser';
import { activeRenderer, screenText, TERMINAL_SURFACE } from '../support/terminal-screen';
import { JobStore } from '../../electron/services/jobs/job-store';
import { systemClock } from '../../electron/services/clock';

describe('terminal end to end (Chromium → browser host → real pty)', () => {
  let host: RunningHost;
  let browser: Browser;
  let page: Page;
  let jobId: string;
  let dataDir: string;
  const infraEnvId = randomUUID();
  const clusterId = randomUUID();

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sfk-e2e-term-'));
    const jobs = new JobStore(dataDir, systemClock);
    const job = await jobs.create('assisted', 'worker-e2e');
    jobId = job.id;
    await jobs.update(job.id, {
      data: {
        cluster: { clusterId, version: '4.17.9', architecture: 'amd64', apiServerUrl: 'https://api.sno.example:6443', apiHost: 'api.sno.example' },
        assisted: { clusterId: randomUUID(), infraEnvId },
      },
    });
    host = await startHost({ dataDir });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('opens a local tab with the job context, pastes a generated command without running it, and runs it on Enter', async () => {
    page = await openApp(browser, host.url, `/terminal/${jobId}`);
    await expect.poll(() => page.getByTestId('terminal-context-INFRA_ENV_ID').textContent(), { timeout: 20_000 }).toBe(infraEnvId);
    await page.getByTestId('terminal-new-local').click();
    await page.locator(TERMINAL_SURFACE).waitFor({ timeout: 20_000 });
    // The login shell has drawn its prompt.
    await expect.poll(async () => (await screenText(page)).trim().length, { timeout: 20_000 }).toBeGreaterThan(0);

    await page.getByTestId('terminal-context-check-send').click();
    await expect.poll(() => screenText(page), { timeout: 20_000 }).toContain('env | grep -E');
    await expect.poll(() => page.getByTestId('terminal-send-toast').first().textContent()).toContain('Review it there and press Enter');
    // Pasted, not run: no variable has been printed yet.
    expect(await screenText(page)).not.toContain(`INFRA_ENV_ID=${infraEnvId}`);

    await page.locator('[data-testid=terminal-host] .xterm-screen').click();
    await page.keyboard.press('Enter');
    await expect.poll(() => screenText(page), { timeout: 20_000 }).toContain(`INFRA_ENV_ID=${infraEnvId}`);
    const text = await screenText(page);
    expect(text).toContain(`OPENSHIFT_CLUSTER_ID=${clusterId}`);
    expect(text).toContain('OCP_VERSION=4.17.9');
    expect(text).toContain('ARCH=x86_64');
    expect(text).toContain('API_URL=https://api.openshift.com');

    // Typing goes to the shell too, and the tab survives a visit to another page.
    await page.keyboard.type('echo "typed-$((6*7))"');
    await page.keyboard.press('Enter');
    await expect.poll(() => screenText(page), { timeout: 20_000 }).toContain('typed-42');
    await page.getByTestId('nav-jobs').click();
    await page.getByTestId('nav-terminal').click();
    await expect.poll(() => screenText(page), { timeout: 20_000 }).toContain('typed-42');
    // ... and returns to the job it was opened for.
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/terminal/${jobId}`);
    await page.screenshot({ path: '/tmp/sfk-terminal-en.png', fullPage: true });
  });

  it('ends the program from the toolbar and keeps a redacted session log with the job', async () => {
    await page.keyboard.type('echo "offline_token=eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLWxvbmc"');
    await page.keyboard.press('Enter');
    await expect.poll(() => screenText(page), { timeout: 20_000 }).toContain('offline_token=eyJ');
    await page.getByTestId('terminal-kill').click();
    await page.getByTestId('terminal-exited').waitFor({ timeout: 20_000 });
    await expect.poll(() => screenText(page), { timeout: 20_000 }).toMatch(/Program ended with exit code \d+/);
    const folder = join(dataDir, 'jobs', jobId, 'terminal');
    let log = '';
    await expect
      .poll(
        () => {
          const files = readdirSync(folder);
          log = files.length ? readFileSync(join(folder, files[0]!), 'utf8') : '';
          return log.includes('session ended');
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    expect(log).toContain(`INFRA_ENV_ID=${infraEnvId}`);
    expect(log).toContain('typed-42');
    expect(log).not.toContain('eyJhbGciOiJSUzI1NiJ9');
  });

  it('shows the page in Chinese, and a reload brings the running tab back', async () => {
    const zh = await openApp(browser, host.url, `/terminal/${jobId}`, 'zh-CN');
    await zh.getByTestId('terminal-new-local').waitFor();
    expect(await zh.getByTestId('terminal-new-local').textContent()).toContain('新建本地标签页');
    await zh.getByTestId('terminal-new-local').click();
    await zh.locator(TERMINAL_SURFACE).waitFor({ timeout: 20_000 });
    await zh.locator('[data-testid=terminal-host] .xterm-screen').click();
    await zh.keyboard.type('echo "中文输出-$((1+1))"');
    await zh.keyboard.press('Enter');
    await expect.poll(() => screenText(zh), { timeout: 20_000 }).toContain('中文输出-2');
    await zh.screenshot({ path: '/tmp/sfk-terminal-zh.png', fullPage: true });
    await zh.getByTestId('terminal-context').screenshot({ path: '/tmp/sfk-terminal-context-zh.png' });
    // A reload re-attaches to the running session and redraws its recent output.
    await zh.reload();
    await expect.poll(() => screenText(zh), { timeout: 20_000 }).toContain('中文输出-2');
    await zh.locator('[data-testid=terminal-host] .xterm-screen').click();
    await zh.keyboard.type('echo "after-reload-$((2+3))"');
    await zh.keyboard.press('Enter');
    await expect.poll(() => screenText(zh), { timeout: 20_000 }).toContain('after-reload-5');
  });

  it('draws with WebGL in Chromium and, after the GPU context is lost, falls back to the DOM renderer and keeps showing output', async () => {
    const gl = await openApp(browser, host.url, `/terminal/${jobId}`);
    await gl.getByTestId('terminal-new-local').click();
    await gl.locator(TERMINAL_SURFACE).waitFor({ timeout: 20_000 });
    expect(await activeRenderer(gl)).toBe('webgl');
    await gl.locator('[data-testid=terminal-host] .xterm-screen').click();
    await gl.keyboard.type('echo "before-loss-$((3+4))"');
    await gl.keyboard.press('Enter');
    await expect.poll(() => screenText(gl), { timeout: 20_000 }).toContain('before-loss-7');

    const lost = await gl.locator('[data-testid=terminal-host] canvas').evaluateAll(
      (canvases) =>
        canvases.filter((c) => {
          const ctx = (c as HTMLCanvasElement).getContext('webgl2');
          const ext = ctx?.getExtension('WEBGL_lose_context');
          ext?.loseContext();
          return Boolean(ext);
        }).length,
    );
    expect(lost).toBeGreaterThan(0);
    await expect.poll(() => activeRenderer(gl), { timeout: 20_000 }).toBe('dom');

    await gl.locator('[data-testid=terminal-host] .xterm-screen').click();
    await gl.keyboard.type('echo "after-loss-$((4+5))"');
    await gl.keyboard.press('Enter');
    await expect.poll(() => screenText(gl), { timeout: 20_000 }).toContain('after-loss-9');
    // drawn by the DOM renderer: its rows hold the text, the scrollback from before the loss too
    await expect.poll(() => gl.locator('[data-testid=terminal-host] .xterm-rows').innerText(), { timeout: 20_000 }).toContain('after-loss-9');
    expect(await gl.locator('[data-testid=terminal-host] .xterm-rows').innerText()).toContain('before-loss-7');
    await gl.close();
  });
});
