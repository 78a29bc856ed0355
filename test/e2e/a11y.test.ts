import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startHost, type RunningHost } from '../support/host';
import { launchChromium } from '../support/browser';
import { seriousAxeViolations, visibleWording } from '../support/axe';
import { unexpectedLatinWords } from '../support/latin-allow-list';

/** The sidebar's pages (renderer/pages/registry.ts), reached as a technician reaches them: by the sidebar links. */
const PAGES = ['jobs', 'cluster', 'downloads', 'usb', 'terminal', 'iso', 'settings'] as const;
const KINDS = ['assisted', 'manual', 'nodeimage', 'console'] as const;

/** What is wrong on one screen, or nothing: axe's serious/critical findings, and stray English on zh-CN screens. */
async function screenProblems(page: Page, name: string, lang: 'en' | 'zh-CN'): Promise<string[]> {
  const problems = (await seriousAxeViolations(page)).map((v) => `${name} (${lang}) axe ${v.id}: ${v.help} [${v.targets.join(', ')}]`);
  // zh-CN screens carry no English beyond product names, commands, ids and units (latin-allow-list.ts).
  if (lang === 'zh-CN') {
    const words = unexpectedLatinWords(await visibleWording(page));
    if (words.length > 0) problems.push(`${name} (zh-CN) Latin-script words outside the allow-list: ${words.join(' ')}`);
  }
  return problems;
}

describe('every screen: axe (0 serious or critical) in both languages, and no stray English in zh-CN, at 1366x768', () => {
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
      // Every screen is walked before asserting, so one run lists every screen's problems.
      const problems: string[] = [];
      await page.goto(`${host.url}#/jobs`);
      await page.getByTestId('nav-jobs').waitFor();
      for (const id of PAGES) {
        await page.getByTestId(`nav-${id}`).click();
        await expect.poll(() => page.getByTestId(`nav-${id}`).getAttribute('aria-current')).toBe('page');
        await page.waitForLoadState('networkidle');
        problems.push(...(await screenProblems(page, `#/${id}`, lang)));
      }
      for (const kind of KINDS) {
        await page.getByTestId('nav-jobs').click();
        await page.locator('#job-title').fill(`${kind} ${lang === 'en' ? 'site' : '站点'}`);
        await page.locator('#job-kind').selectOption(kind);
        await page.getByTestId('create-job').click();
        await page.getByTestId('job-title').waitFor();
        await page.waitForLoadState('networkidle');
        problems.push(...(await screenProblems(page, `new ${kind} job`, lang)));
      }
      expect(problems).toEqual([]);
    }, 240_000);
  }
});
