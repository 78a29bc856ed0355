import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { RunningHost } from '../support/host';
import { approveCsrsUntilReady, checkStep, LANGS, launchChromium, markDone, openPracticeApp, reportLatinFindings, startPracticeHost, writePracticeStick } from '../support/practice-walk';

/**
 * Issue #15's acceptance rule for the console path, in practice mode: the practice "Add hosts" page
 * stands in for OpenShift Cluster Manager and hands out the practice discovery ISO; the worker joins
 * the practice cluster through the CSR checklist. en and zh-CN at 1366x768, axe on every step.
 */
describe('practice mode: the console path from a new job to Done', () => {
  const hosts: RunningHost[] = [];
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 90_000);
  afterAll(async () => {
    reportLatinFindings();
    await browser?.close();
    for (const h of hosts) await h.stop();
  });

  for (const lang of LANGS) {
    it(`${lang}: practice Add hosts page, discovery ISO to the practice stick, CSRs, Ready, Done`, { timeout: 300_000 }, async () => {
      const host = await startPracticeHost();
      hosts.push(host);
      const page = await openPracticeApp(browser, host, lang);
      const title = `Practice console ${lang}`;
      await page.locator('#job-title').fill(title);
      await page.locator('#job-kind').selectOption('console');
      await page.getByTestId('create-job').click();
      await page.getByTestId('console-flow').waitFor();

      // The console link opens the practice "Add hosts" page, never console.redhat.com.
      const open = page.getByTestId('console-open');
      await checkStep(page, lang, 'console: console', open);
      expect(new URL((await open.getAttribute('href'))!).hostname).toBe('127.0.0.1');
      const [consolePage] = await Promise.all([page.context().waitForEvent('page'), open.click()]);
      await consolePage.locator('#generate').click();
      const [download] = await Promise.all([consolePage.waitForEvent('download'), consolePage.locator('#download-iso').click()]);
      const isoPath = await download.path();
      await consolePage.close();
      await page.getByTestId('wizard-next').click();

      await checkStep(page, lang, 'console: iso', page.getByTestId('console-iso-path'));
      await page.getByTestId('console-iso-path').fill(isoPath);
      await writePracticeStick(page, lang, 'console-usb');
      await page.getByTestId('wizard-next').click();
      await checkStep(page, lang, 'console: install', page.getByTestId('wizard-next'));
      await page.getByTestId('wizard-next').click();

      const nodeName = 'worker-1.sno-0.practice.example.com';
      await page.getByTestId('console-host-name').fill(nodeName);
      await page.getByTestId('console-connect').locator('button').first().click();
      await page.getByTestId('practice-cluster-use').click();
      await approveCsrsUntilReady(page, lang, nodeName);
      await markDone(page, lang, 'console', title, host.url, { completedByJoin: true });
    });
  }
});
