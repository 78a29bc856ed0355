/**
 * `npm run screenshots`: walks the screens a technician uses, in practice mode at 1366×768, in
 * English and Chinese, and writes one PNG per screen and language into screenshots/ (ignored by
 * git). It drives the real UI against the real browser host; it is a review aid, not a test: a
 * screen that fails is reported and the walk goes on. Needs the renderer build (`npx vite build`).
 * Also prints screens whose content is wider than the window (a layout break at 1366 px).
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startHost } from '../test/support/host';
import { launchChromium } from '../test/support/browser';
import { seedDataDir, type SeededJobs } from './screenshots/seed';
import { driveNodeImage, startUnverifiedDownload } from './screenshots/drive';

const outDir = join(import.meta.dirname, '..', 'screenshots');
const VIEWPORT = { width: 1366, height: 768 };
const LANGS = [
  { lang: 'en', locale: 'en-US' },
  { lang: 'zh-CN', locale: 'zh-CN' },
] as const;

interface Ctx {
  url: string;
  jobs: SeededJobs;
  nodeImageJob?: string;
}
type Screen = { name: string; path: (c: Ctx) => string | undefined; wait: string; act?: (p: Page) => Promise<void> };

const expand = (testId: string) => async (p: Page) => {
  await p.getByTestId(testId).getByRole('button').first().click();
};
const niStep = (step: string) => async (p: Page) => {
  await p.getByTestId('nodeimage-step-title').waitFor();
  // the current step has no link to itself
  if (await p.getByTestId(`nodeimage-go-${step}`).count()) await p.getByTestId(`nodeimage-go-${step}`).click();
  await p.getByTestId(`nodeimage-${step}-step`).waitFor();
};

const screens: Screen[] = [
  { name: 'jobs-list', path: () => '/jobs', wait: 'damaged-jobs' },
  {
    name: 'jobs-new-paths',
    path: () => '/jobs',
    wait: 'job-cluster-version',
    act: async (p) => {
      await p.getByTestId('job-cluster-version').fill('4.18.12');
      await p.getByTestId('job-paths-nodeimage').waitFor();
    },
  },
  { name: 'job-damaged', path: (c) => `/jobs/${c.jobs.damaged}`, wait: `damaged-job-` },
  { name: 'settings', path: () => '/settings', wait: 'settings-damaged' },
  { name: 'downloads', path: () => '/downloads', wait: 'cache-table' },
  {
    name: 'downloads-checksum-modal',
    path: () => '/downloads',
    wait: 'cache-table',
    act: async (p) => {
      await p.locator('[data-testid="cache-row"][data-unverified="true"]').getByTestId('cache-enter-checksum').click();
      await p.getByTestId('checksum-sha').fill('1234');
    },
  },
  { name: 'usb', path: () => '/usb', wait: 'usb-writer' },
  { name: 'handoff', path: (c) => `/jobs/${c.jobs.finished}`, wait: 'handoff-card', act: expand('handoff-export') },
  { name: 'handoff-draft', path: (c) => `/jobs/${c.jobs.assistedFinish}`, wait: 'handoff-card' },
  { name: 'assisted-first-step', path: (c) => `/jobs/${c.jobs.assistedNew}`, wait: 'assisted-flow' },
  { name: 'assisted-finish', path: (c) => `/jobs/${c.jobs.assistedFinish}`, wait: 'assisted-manual-csr' },
  { name: 'manual-first-step', path: (c) => `/jobs/${c.jobs.manualNew}`, wait: 'manual-flow' },
  { name: 'manual-network-import', path: (c) => `/jobs/${c.jobs.manualNetwork}`, wait: 'manual-network-step', act: expand('manual-net-import') },
  { name: 'manual-join-csr', path: (c) => `/jobs/${c.jobs.manualJoin}`, wait: 'manual-join-manual-csr' },
  { name: 'console', path: (c) => `/jobs/${c.jobs.console}`, wait: 'console-flow' },
  ...['cluster', 'host', 'oc', 'create', 'iso', 'join'].map((step) => ({
    name: `nodeimage-${step}`,
    path: (c: Ctx) => (c.nodeImageJob ? `/jobs/${c.nodeImageJob}` : undefined),
    wait: 'nodeimage-flow',
    act: niStep(step),
  })),
];

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
    await growToContent(page);
    const file = join(outDir, `${screen.name}.${lang.lang}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return wide > 0 ? `content ${wide}px wider than the window` : undefined;
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
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
