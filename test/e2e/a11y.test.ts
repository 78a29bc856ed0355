import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startHost, type RunningHost } from '../support/host';
import { launchChromium } from '../support/browser';
import { seriousAxeViolations } from '../support/axe';

/** The sidebar's pages (renderer/pages/registry.ts), reached as a technician reaches them: by the sidebar links. */
const PAGES = ['jobs', 'cluster', 'downloads', 'usb', 'terminal', 'iso', 'settings'] as const;
const KINDS = ['assisted', 'manual', 'nodeimage', 'console'] as const;

async function checkScreen(page: Page, name: string, lang: 'en' | 'zh-CN'): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect(violations, `${name} (${lang}): serious or critical axe violations`).toEqual([]);
}

describe('every screen: axe (0 serious or critical) in both languages at 1366x768', () => {
  let host: RunningHost;
  let browser: Browser;

  beforeAll(async () => {
    host = await startHost({ args: ['--practice'] });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  for (const lang of ['en', 'zh-CN'] as const) {
    it(`walks the sidebar pages and the first step of each path (${lang})`, async () => {
      // The app's CSP refuses inline scripts; axe is injected by the test, so this context bypasses it.
      const context = await browser.newContext({ locale: lang === 'en' ? 'en-US' : 'zh-CN', bypassCSP: true, viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      await page.goto(`${host.url}#/jobs`);
      await page.getByTestId('nav-jobs').waitFor();
      for (const id of PAGES) {
        await page.getByTestId(`nav-${id}`).click();
        await expect.poll(() => page.getByTestId(`nav-${id}`).getAttribute('aria-current')).toBe('page');
        await page.waitForLoadState('networkidle');
        await checkScreen(page, `#/${id}`, lang);
      }
      for (const kind of KINDS) {
        await page.getByTestId('nav-jobs').click();
        await page.locator('#job-title').fill(`${kind} ${lang === 'en' ? 'site' : '站点'}`);
        await page.locator('#job-kind').selectOption(kind);
        await page.getByTestId('create-job').click();
        await page.getByTestId('job-title').waitFor();
        await page.waitForLoadState('networkidle');
        await checkScreen(page, `new ${kind} job`, lang);
      }
    }, 240_000);
  }
});
