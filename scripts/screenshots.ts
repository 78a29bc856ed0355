/**
 * `npm run screenshots`: walks the screens a technician uses, in practice mode at 1366×768, in
 * English and Chinese. For review it writes one full-length PNG per screen and language into
 * screenshots/ (ignored by git); for the technician's guide it writes what the window shows
 * (1366×768) to docs/guide/<lang>/images/<name>.png, the only way those images are made.
 * It drives the real UI against the real browser host; it is not a test: a screen that fails is
 * reported and the walk goes on. Needs the renderer build (`npx vite build`).
 * Also prints screens whose content is wider than the window (a layout break at 1366 px).
 * `npm run screenshots -- --guide-only` skips the review copies.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startHost } from '../test/support/host';
import { launchChromium } from '../test/support/browser';
import { seedDataDir } from './screenshots/seed';
import { screens, type Ctx, type Screen } from './screenshots/screens';
import { optimisePng } from './screenshots/png';
import { driveNodeImage, startUnverifiedDownload } from './screenshots/drive';

const root = join(import.meta.dirname, '..');
const outDir = join(root, 'screenshots');
/** The technician's guide references these by name (docs/guide/<lang>/images/<guide>.png). */
const guideImages = (lang: string) => join(root, 'docs', 'guide', lang, 'images');
const VIEWPORT = { width: 1366, height: 768 };
const LANGS = [
  { lang: 'en', locale: 'en-US' },
  { lang: 'zh-CN', locale: 'zh-CN' },
] as const;
const guideOnly = process.argv.includes('--guide-only');

/** Content wider than the window means a horizontal scroll bar: a layout break at this size. */
async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * The app scrolls inside its main area, not the document, so a "full page" screenshot would stop
 * at the window: grow the window by what the main area hides (its width stays 1366 px).
 */
async function growToContent(page: Page): Promise<void> {
  const hidden = await page.evaluate(() => {
    let most = 0;
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('main, [class*="page__main"]'))) most = Math.max(most, el.scrollHeight - el.clientHeight);
    return most;
  });
  if (hidden > 0) await page.setViewportSize({ width: VIEWPORT.width, height: VIEWPORT.height + hidden });
}

async function shoot(browser: Browser, ctx: Ctx, lang: (typeof LANGS)[number], screen: Screen): Promise<string | undefined> {
  const path = screen.path(ctx);
  if (!path) return 'skipped (its job could not be prepared)';
  const context = await browser.newContext({ locale: lang.locale, viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${ctx.url}#${path}`);
    await page.locator(`[data-testid^="${screen.wait}"]`).first().waitFor();
    await screen.act?.(page);
    await page.waitForLoadState('networkidle').catch(() => undefined);
    const wide = await overflow(page);
    // the guide shows the window as the technician sees it, mouse pointer and caret hidden
    if (screen.guide) writeFileSync(join(guideImages(lang.lang), `${screen.guide}.png`), optimisePng(await page.screenshot({ caret: 'hide', animations: 'disabled' })));
    if (!guideOnly) {
      await growToContent(page);
      await page.screenshot({ path: join(outDir, `${screen.name}.${lang.lang}.png`), fullPage: true });
    }
    return wide > 0 ? `content ${wide}px wider than the window` : undefined;
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  for (const { lang } of LANGS) mkdirSync(guideImages(lang), { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'sfk-screens-'));
  const jobs = await seedDataDir(dataDir);
  const host = await startHost({ dataDir, args: ['--practice'] });
  const browser = await launchChromium();
  const ctx: Ctx = { url: host.url, jobs };
  let failures = 0;
  try {
    const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
    page.setDefaultTimeout(30_000);
    await startUnverifiedDownload(page, host.url).catch((e: unknown) => console.warn(`unverified download: ${String(e)}`));
    ctx.nodeImageJob = await driveNodeImage(page, host.url, dataDir).catch((e: unknown) => {
      console.warn(`node-image flow: ${String(e)}`);
      return undefined;
    });
    await page.context().close();
    for (const screen of screens) {
      if (guideOnly && !screen.guide) continue;
      for (const lang of LANGS) {
        const note = await shoot(browser, ctx, lang, screen).catch((e: unknown) => {
          failures++;
          return `FAILED: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
        });
        console.log(`${screen.name}.${lang.lang}.png${note ? `  <- ${note}` : ''}`);
      }
    }
  } finally {
    await browser.close();
    await host.stop();
  }
  console.log(`Screenshots in ${outDir}${failures ? ` (${failures} failed)` : ''}`);
  process.exit(failures ? 1 : 0);
}

void main();
