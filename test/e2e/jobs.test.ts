import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startHost, type RunningHost } from '../support/host';
import { launchChromium, openApp } from '../support/browser';

describe('jobs end to end: created in the UI, kept across a crash', () => {
  let host: RunningHost;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    host = await startHost({ args: ['--practice'] });
    browser = await launchChromium();
    page = await openApp(browser, host.url, '/jobs', 'zh-CN');
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('shows the shell in the system language and the practice-mode banner', async () => {
    await expect.poll(() => page.getByTestId('nav-jobs').textContent()).toBe('作业');
    expect(await page.getByTestId('practice-banner').textContent()).toContain('练习模式');
  });

  it('creates a job and opens it', async () => {
    await page.locator('#job-title').fill('worker-1 A 站点');
    await page.locator('#job-kind').selectOption('manual');
    await page.getByTestId('create-job').click();
    await expect.poll(() => page.getByTestId('job-title').textContent()).toBe('worker-1 A 站点');
    expect(page.url()).toMatch(/#\/jobs\/\d{4}-\d{2}-\d{2}-[0-9a-f]{8}$/);
  });

  it('keeps the job when the host is killed (SIGKILL) and restarted', async () => {
    const jobUrl = new URL(page.url()).hash;
    host.process.kill('SIGKILL');
    await new Promise((r) => host.process.once('exit', r));
    await page.getByTestId('disconnected-banner').waitFor();
    host = await startHost({ args: ['--practice'], dataDir: host.dataDir });
    await page.goto(`${host.url}${jobUrl}`);
    await expect.poll(() => page.getByTestId('job-title').textContent()).toBe('worker-1 A 站点');
    await page.goto(`${host.url}#/jobs`);
    await expect.poll(() => page.getByTestId('job-list').textContent()).toContain('worker-1 A 站点');
  });
});
