import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startHost, type RunningHost } from '../support/host';
import { launchChromium, openApp } from '../support/browser';
import { startNginx, type NginxServer } from '../integration/artifacts/nginx-server';
import { startFaultProxy, type FaultProxy } from '../integration/artifacts/fault-proxy';
import { buildMirror, type MirrorFixture } from '../integration/artifacts/mirror-fixture';
import { startLengthlessServer } from '../integration/artifacts/lengthless-server';
import { randomBytes, createHash } from 'node:crypto';

const shots = process.env.SFK_SCREENSHOT_DIR;

describe('Downloads page end to end (Chromium → browser host → mirror on nginx behind a flaky link)', () => {
  let nginx: NginxServer;
  let proxy: FaultProxy;
  let mirror: MirrorFixture;
  let host: RunningHost;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    nginx = await startNginx();
    proxy = await startFaultProxy(nginx.url);
    mirror = buildMirror(nginx.root, proxy.url);
    const dataDir = mkdtempSync(join(tmpdir(), 'sfk-e2e-downloads-'));
    mkdirSync(dataDir, { recursive: true });
    // The technician configured a local mirror (here: the proxy in front of nginx).
    writeFileSync(join(dataDir, 'artifacts-settings.json'), JSON.stringify({ mirrorBaseUrl: proxy.url, rhcosBaseUrl: '', caBundlePath: '' }));
    host = await startHost({ dataDir });
    browser = await launchChromium();
    page = await openApp(browser, host.url, '/downloads');
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await proxy?.close();
    await nginx?.stop();
  });

  const shot = async (p: Page, name: string) => {
    if (shots) await p.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  };

  it('prepares a site bundle with one progress bar, pauses and resumes it, then lists verified files', async () => {
    await page.getByTestId('nav-downloads').waitFor();
    await page.getByTestId('downloads-page').waitFor();
    await expect(page.getByTestId('cache-empty').textContent()).resolves.toContain('empty');

    // Invalid version: explained, nothing starts.
    await page.getByTestId('site-version').fill('newest');
    await page.getByTestId('site-start').click();
    await page.getByText('Enter a version such as 4.16.3').waitFor();
    expect(proxy.seen).toHaveLength(0);

    // sha256sum.txt and the installer pass; the ISO link stalls after 1 MiB, so the bundle is mid-way.
    proxy.plan([{ type: 'pass' }, { type: 'pass' }, { type: 'stall', after: 1024 * 1024 }]);
    await page.getByTestId('site-version').fill('stable-4.16');
    await page.getByTestId('site-arch').selectOption('aarch64');
    await page.getByTestId('site-start').click();
    const progress = page.getByTestId('bundle-progress');
    await page.locator('[data-testid="bundle-progress"][data-step="iso"][data-state="running"]').waitFor({ timeout: 60_000 });
    await page.getByText('Step 3 of 3: RHCOS live ISO').waitFor();
    await page.locator('[data-testid="active-download"][data-id^="rhcos-iso/"]').waitFor();
    await shot(page, 'downloads-running-en');

    await page.getByTestId('bundle-pause').click();
    await page.locator('[data-testid="bundle-progress"][data-state="paused"]').waitFor({ timeout: 30_000 });
    expect(await progress.getAttribute('data-step')).toBe('iso');
    await page.getByTestId('bundle-resume').click();
    await page.locator('[data-testid="bundle-progress"][data-state="done"]').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('bundle-done').textContent()).resolves.toContain(`openshift-install ${mirror.version}`);
    // The resumed ISO request asked only for the rest.
    const isoRequests = proxy.seen.filter((r) => r.path.endsWith('.iso'));
    expect(isoRequests).toHaveLength(2);
    expect(isoRequests[1]!.range).toMatch(/^bytes=[1-9]\d*-$/);

    const rows = page.getByTestId('cache-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(3);
    const kinds = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')).sort());
    expect(kinds).toEqual(['openshift-install', 'rhcos-iso', 'stream']);
    const isoRow = page.locator('[data-testid="cache-row"][data-kind="rhcos-iso"]');
    await expect(isoRow.textContent()).resolves.toContain('aarch64');
    expect(await isoRow.getByTestId('sha-label').getAttribute('data-sha256')).toBe(mirror.isoSha.aarch64);
    await expect(isoRow.getByTestId('sha-label').textContent()).resolves.toContain('✓');

    // Re-verify from the page.
    await isoRow.getByTestId('cache-reverify').click();
    await page.getByTestId('cache-notice').waitFor();
    await expect(page.getByTestId('cache-notice').textContent()).resolves.toContain('still matches');
    await page.getByTestId('cache-table').scrollIntoViewIfNeeded();
    await shot(page, 'downloads-done-en');
  }, 180_000);

  it('shows the cache in Chinese', async () => {
    const zh = await openApp(browser, host.url, '/downloads', 'zh-CN');
    await zh.getByText('下载与离线缓存').waitFor();
    await zh.getByText('准备现场工作').first().waitFor();
    await expect.poll(() => zh.getByTestId('cache-row').count()).toBe(3);
    await expect(zh.locator('[data-testid="cache-row"][data-kind="rhcos-iso"]').textContent()).resolves.toContain('RHCOS Live ISO');
    await zh.getByTestId('cache-table').scrollIntoViewIfNeeded();
    await shot(zh, 'downloads-done-zh');
    await zh.context().close();
  }, 60_000);

  it("dates follow the language chosen in Settings, not the browser's", async () => {
    // an English browser, with Chinese picked in Settings
    const context = await browser.newContext({ locale: 'en-US' });
    const p = await context.newPage();
    try {
      await p.goto(`${host.url}#/settings`);
      await p.getByTestId('language-select').selectOption('zh-CN');
      await p.goto(`${host.url}#/downloads`);
      const row = p.locator('[data-testid="cache-row"][data-kind="rhcos-iso"]');
      await expect.poll(() => row.getByTestId('cache-verified-at').textContent()).toMatch(/^\d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2}:\d{2}$/);
      expect(await row.textContent()).toContain('使用的任务：无');
    } finally {
      await p.goto(`${host.url}#/settings`);
      await p.getByTestId('language-select').selectOption('auto');
      await context.close();
    }
  }, 60_000);
  it('marks a download without size or checksum as unverified (en and zh-CN) until the technician supplies its sha256', async () => {
    // no Content-Length, no published checksum: the cache cannot know whether the file is complete
    const data = randomBytes(1024 * 1024);
    const sha = createHash('sha256').update(data).digest('hex');
    const plain = await startLengthlessServer({ '/tool.iso': data });
    try {
      await page.getByTestId('dl-url').fill(`${plain.url}/tool.iso`);
      await page.getByTestId('dl-start').click();
      const row = page.locator('[data-testid="cache-row"][data-id="file/tool.iso"]');
      await row.waitFor({ timeout: 30_000 });
      expect(await row.getAttribute('data-unverified')).toBe('true');
      const label = row.getByTestId('unverified-label');
      await expect(label.textContent()).resolves.toBe('Unverified');
      await label.hover();
      await page.getByText('Neither its size nor a published checksum is known').waitFor();
      // the site bundle's files are complete and checked: none of them is marked
      expect(await page.locator('[data-testid="cache-row"][data-unverified="true"]').count()).toBe(1);
      await shot(page, 'downloads-unverified-en');

      const zh = await openApp(browser, host.url, '/downloads', 'zh-CN');
      const zhLabel = zh.locator('[data-testid="cache-row"][data-id="file/tool.iso"]').getByTestId('unverified-label');
      await expect(zhLabel.textContent()).resolves.toBe('未验证');
      await zhLabel.hover();
      await zh.getByText('该文件的大小和发布的校验和都未知').waitFor();
      await zh.context().close();

      // the technician supplies the published checksum: explained at the field, then checked
      await row.getByTestId('cache-enter-checksum').click();
      await page.getByTestId('checksum-sha').fill('1234');
      await expect(page.getByTestId('checksum-help').textContent()).resolves.toContain('64 hexadecimal characters');
      expect(await page.getByTestId('checksum-check').isDisabled()).toBe(true);
      await page.getByTestId('checksum-sha').fill(sha);
      await page.getByTestId('checksum-check').click();
      await expect.poll(() => page.getByTestId('cache-notice').textContent()).toContain('now verified');
      await expect.poll(() => row.getAttribute('data-unverified')).toBe('false');
      await expect(row.getByTestId('sha-label').textContent()).resolves.toContain('✓');
    } finally {
      await plain.close();
    }
  }, 90_000);
});
