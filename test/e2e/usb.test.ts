import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createBackend, type Backend } from '../../electron/app/backend';
import { startBrowserHost, type BrowserHost } from '../../electron/host/browser-host';
import { MemorySecretStore } from '../../electron/services/secrets/secret-store';
import { launchChromium, openApp } from '../support/browser';
import { LoopLab, sha256Of } from '../integration/usb/loop-fixtures';
import { freezeHelperAt } from '../integration/usb/helper-freeze';
import { startLengthlessServer } from '../integration/artifacts/lengthless-server';
import { readFileSync } from 'node:fs';

// Chromium -> browser host -> usb.* -> the bundled helper -> a real loop device standing in for a
// stick. The host runs in this process because the loop-device allowance is a construction option
// of the backend (nothing the UI or the command line of the real host can switch on).
const lab = new LoopLab();
const root = resolve(import.meta.dirname, '..', '..');
const staticRoot = process.env.SFK_RENDERER_DIR ? resolve(process.env.SFK_RENDERER_DIR) : resolve(root, 'dist', 'renderer');
let backend: Backend;
let host: BrowserHost;
let browser: Browser;
let stick: { device: string; file: string; size: number };
let image: { path: string; size: number; sha256: string };
let bigStick: { device: string; file: string; size: number };
let bigImage: { path: string; size: number; sha256: string };
let bundle: string;

beforeAll(async () => {
  if (!existsSync(resolve(staticRoot, 'index.html'))) throw new Error(`renderer not built at ${staticRoot}: run vite build first`);
  bundle = await lab.buildHelper();
  stick = lab.loop(64, 0x99);
  image = lab.image(24, 'rhcos-live.x86_64.iso');
  bigStick = lab.loop(480, 0x99);
  bigImage = lab.image(448, 'discovery.iso');
  backend = await createBackend({
    dataDir: lab.dir,
    secretStore: { store: new MemorySecretStore() },
    platform: { shell: 'browser', appVersion: '0.0.0-e2e', systemLanguages: () => ['en-US'], openExternal: async () => false },
    usb: { testAllowDevices: [stick.device, bigStick.device], eject: false, helperProgram: { node: process.execPath, args: [bundle] } },
  });
  host = await startBrowserHost({ dispatch: backend.dispatch, bus: backend.services.bus, staticRoot });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await backend?.dispose();
  lab.cleanup();
});

async function chooseImageAndDrive(page: Page, img = image, target = stick) {
  await page.getByTestId('usb-image-mode-file').click();
  await page.getByTestId('usb-image-path').fill(img.path);
  await page.getByTestId('usb-image-use').click();
  await expect.poll(() => page.getByTestId('usb-image-chosen').textContent()).toContain(img.path.split('/').pop());
  const row = page.getByTestId(`usb-drive-${target.device}`);
  await row.waitFor();
  expect(await row.getAttribute('data-eligible')).toBe('true');
  await row.locator('input[type=radio]').check();
}

describe('USB writer end to end', () => {
  it('image -> drive -> confirm with name and size spelled out -> write -> verify -> done', async () => {
    const page = await openApp(browser, host.url, '/usb');
    await page.getByTestId('usb-writer').waitFor();
    await chooseImageAndDrive(page);
    // the laptop's own disk is never offered; asking to see it says why
    expect(await page.getByTestId('usb-problem-system').count()).toBe(0);
    await page.getByTestId('usb-show-all').check({ force: true });
    await expect.poll(() => page.getByTestId('usb-problem-system').count()).toBeGreaterThan(0);
    await page.screenshot({ path: '/tmp/sfk-usb-drives-en.png', fullPage: true });

    await page.getByTestId('usb-write').click();
    const body = await page.getByTestId('usb-confirm-body').textContent();
    expect(body).toContain('67.1 MB (64.0 MiB)');
    expect(body).toContain('67,108,864');
    expect(body).toContain('rhcos-live.x86_64.iso');
    expect(await page.getByTestId('usb-confirm-write').isDisabled()).toBe(true);
    await page.screenshot({ path: '/tmp/sfk-usb-confirm-en.png' });
    await page.getByTestId('usb-confirm-check').check();
    await page.getByTestId('usb-confirm-write').click();

    await page.getByTestId('usb-done').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('usb-sha256').textContent()).toContain(image.sha256);
    expect(sha256Of(stick.device, image.size)).toBe(image.sha256);
    await page.screenshot({ path: '/tmp/sfk-usb-done-en.png', fullPage: true });
    await page.context().close();
  });

  it('in Chinese, a cancelled write says the stick will not boot', async () => {
    const page = await openApp(browser, host.url, '/usb', 'zh-CN');
    await page.getByTestId('usb-writer').waitFor();
    await chooseImageAndDrive(page, bigImage, bigStick);
    await page.getByTestId('usb-write').click();
    expect(await page.getByTestId('usb-confirm-body').textContent()).toContain('上的所有内容都将被清除');
    await page.getByTestId('usb-confirm-check').check();
    // The loop device is done faster than a click: the helper is held still (SIGSTOP) from the
    // moment it reports writing until the Cancel below has reached it.
    const frozen = freezeHelperAt(backend.services.bus.subscribe, bundle, 'writing');
    await page.getByTestId('usb-confirm-write').click();
    const helper = await frozen;
    try {
      await page.locator('[data-testid="usb-progress"][data-phase="writing"]').waitFor({ timeout: 60_000 });
      await page.screenshot({ path: '/tmp/sfk-usb-progress-zh.png', fullPage: true });
      await page.getByTestId('usb-cancel').click();
      // the button says "cancelling" once the backend has passed the cancel on to the helper
      await expect.poll(() => page.getByTestId('usb-cancel').isDisabled()).toBe(true);
    } finally {
      helper.thaw();
    }
    await page.getByTestId('usb-cancelled').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('usb-cancelled').textContent()).toContain('无法启动');
    expect(sha256Of(bigStick.device, 1024 * 1024)).toBe(sha256Of('/dev/zero', 1024 * 1024));
    await page.screenshot({ path: '/tmp/sfk-usb-cancel-zh.png', fullPage: true });
    await page.context().close();
  }, 120_000);
  it('an unverified download from the cache is marked, and written only after its own explicit confirmation', async () => {
    // served without Content-Length and cached without a published checksum: unverified
    const server = await startLengthlessServer({ '/rhcos-unverified.iso': readFileSync(image.path) });
    try {
      const cached = await backend.services.artifacts.download({ url: `${server.url}/rhcos-unverified.iso`, kind: 'rhcos-iso', name: 'rhcos-unverified.iso' });
      const page = await openApp(browser, host.url, '/usb');
      await page.getByTestId('usb-cached-images').waitFor();
      const choice = page.locator('input[type=radio][data-unverified="true"]');
      expect(await choice.count()).toBe(1);
      await expect(page.getByTestId('usb-cached-images').getByTestId('unverified-label').textContent()).resolves.toBe('Unverified');
      await choice.click(); // choosing hands the image on (the radio itself never stays checked)
      await expect.poll(() => page.getByTestId('usb-image-chosen').textContent()).toContain('rhcos-unverified.iso');
      const row = page.getByTestId(`usb-drive-${stick.device}`);
      await row.waitFor();
      await row.locator('input[type=radio]').check();
      await page.getByTestId('usb-write').click();
      await page.getByTestId('usb-confirm-unverified').waitFor();
      await expect(page.getByTestId('usb-confirm-unverified').textContent()).resolves.toContain('rhcos-unverified.iso was downloaded without a published checksum');
      // the drive tick alone is not enough
      await page.getByTestId('usb-confirm-check').check();
      expect(await page.getByTestId('usb-confirm-write').isDisabled()).toBe(true);
      await page.screenshot({ path: '/tmp/sfk-usb-confirm-unverified-en.png' });
      await page.getByTestId('usb-confirm-unverified-check').check();
      await page.getByTestId('usb-confirm-write').click();
      await page.getByTestId('usb-done').waitFor({ timeout: 60_000 });
      expect(sha256Of(stick.device, image.size)).toBe(cached.sha256);
      await page.context().close();

      const zh = await openApp(browser, host.url, '/usb', 'zh-CN');
      await expect(zh.getByTestId('usb-cached-images').getByTestId('unverified-label').textContent()).resolves.toBe('未验证');
      await zh.context().close();
    } finally {
      await server.close();
    }
  }, 120_000);
});
