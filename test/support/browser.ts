import { chromium, type Browser, type Page } from 'playwright-core';
import { requirePeer } from './peers';

/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), headless, with the
 * background networking that this closed network refuses turned off; playwright gives each launch
 * a fresh temporary profile.
 */
export async function launchChromium(options: { gpuCompositing?: boolean } = {}): Promise<Browser> {
  const executablePath = requirePeer('chromium', 'chromium');
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      // Default: software compositing. gpuCompositing keeps Chromium's GPU pipeline, as Electron
      // has on a laptop, with SwiftShader (on CPU) as the "GPU": a WebGL canvas is then composited
      // as a texture instead of being read back into system memory, synchronously, every frame.
      ...(options.gpuCompositing ? ['--use-angle=swiftshader'] : ['--disable-gpu']),
      // WebGL (the terminal's renderer) through SwiftShader, on CPU: without a GPU, Chromium only
      // keeps offering WebGL this way when told so
      '--enable-unsafe-swiftshader',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Opens the app and waits for the shell to render. */
export async function openApp(browser: Browser, url: string, path = '/jobs', locale = 'en-US'): Promise<Page> {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  await page.goto(`${url}#${path}`);
  await page.getByTestId('nav-jobs').waitFor();
  return page;
}
