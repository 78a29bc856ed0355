import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningHost } from '../support/host';
import { fakeJwt } from '../../electron/services/simulators/sso-simulator';
import { approveCsrsUntilReady, checkStep, LANGS, launchChromium, markDone, openPracticeApp, reportLatinFindings, startPracticeHost, writePracticeStick, type Lang } from '../support/practice-walk';

/**
 * Issue #15's acceptance rule for the Assisted path: a new job to "Done" entirely in practice mode,
 * through the UI only (no file made outside the app), at 1366x768, once in en and once in zh-CN.
 * Every step passes axe, shows its main action without scrolling, and (zh-CN) the Latin-text check.
 */
describe('practice mode: the Assisted path from a new job to Done', () => {
  // One practice session per job: the practice day-2 service has one simulated machine, which the
  // first job installs into the practice cluster.
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

  /** The service polls every few seconds; the technician (and this test) can ask for an update now. */
  const refreshed = (page: Page) =>
    page
      .getByTestId('assisted-refresh')
      .click()
      .catch(() => undefined);
  async function pollWithRefresh(page: Page, probe: () => Promise<unknown>, expected: unknown, timeout = 60_000) {
    await expect
      .poll(
        async () => {
          const v = await probe().catch(() => undefined);
          if (v !== expected) await refreshed(page);
          return v;
        },
        { timeout },
      )
      .toBe(expected);
  }

  async function signIn(page: Page, lang: Lang) {
    await page.getByTestId('offline-token').fill(fakeJwt({ typ: 'Offline', sub: `practice-${lang}` }));
    await checkStep(page, lang, 'assisted: sign in', page.getByTestId('save-credentials'));
    await page.getByTestId('save-credentials').click();
    await expect.poll(() => page.getByTestId('credentials-status').getAttribute('data-kind'), { timeout: 20_000 }).toBe('offlineToken');
    // The practice pull secret, made by the app on first use: the technician copies its path from here.
    const pullSecret = page.getByTestId('practice-pull-secret').locator('input');
    await expect.poll(() => pullSecret.inputValue()).toMatch(/pull-secret/);
    return pullSecret.inputValue();
  }

  for (const lang of LANGS) {
    it(`${lang}: sign in, practice cluster, discovery ISO, practice stick, host, install, CSRs, Ready, Done`, { timeout: 300_000 }, async () => {
      const host = await startPracticeHost();
      hosts.push(host);
      const page = await openPracticeApp(browser, host, lang, '/settings');
      const pullSecretPath = await signIn(page, lang);
      const title = `Practice Assisted ${lang}`;

      await page.goto(`${host.url}#/jobs`);
      await page.locator('#job-title').fill(title);
      await page.locator('#job-kind').selectOption('assisted');
      await page.getByTestId('create-job').click();
      await page.getByTestId('assisted-flow').waitFor();

      // Cluster details: the practice cluster fills in id, API host and version.
      await checkStep(page, lang, 'assisted: cluster', page.getByTestId('practice-cluster-use'));
      await page.getByTestId('practice-cluster-version').selectOption('4.16');
      await page.getByTestId('practice-cluster-use').click();
      await expect.poll(() => page.getByTestId('assisted-version').inputValue(), { timeout: 30_000 }).toMatch(/^4\.16\./);
      await page.getByTestId('assisted-prepare').click();
      await page.getByTestId('assisted-cluster-ready').waitFor();
      await checkStep(page, lang, 'assisted: cluster ready', page.getByTestId('assisted-next-iso'));
      await page.getByTestId('assisted-next-iso').click();

      // Discovery ISO: the practice pull secret and the practice SSH key the wizard offers.
      await checkStep(page, lang, 'assisted: iso', page.getByTestId('assisted-generate'));
      await page.getByTestId('assisted-pull-secret').fill(pullSecretPath);
      await page.getByTestId('assisted-check-pull-secret').click();
      await page.getByTestId('assisted-pull-secret-ok').waitFor();
      await page.getByTestId('assisted-pick-ssh-key').click();
      await page.getByRole('option').first().click();
      expect(await page.getByTestId('assisted-ssh-key').inputValue()).toMatch(/^ssh-ed25519 \S+ .*practice/);
      await page.getByTestId('assisted-generate').click();
      await page.getByTestId('assisted-infra-env').waitFor();
      await page.getByTestId('assisted-next-download').click();

      // Download into the app's cache, then write it to the practice stick.
      await checkStep(page, lang, 'assisted: download', page.getByTestId('assisted-download'));
      await page.getByTestId('assisted-download').click();
      await page.getByTestId('assisted-iso-done').waitFor({ timeout: 60_000 });
      await writePracticeStick(page, lang, 'assisted-usb');
      await page.getByTestId('assisted-next-hosts').click();

      // Host discovery: the practice host boots, says "localhost" and has a wrong clock at first.
      await pollWithRefresh(page, () => page.getByTestId('host-status').getAttribute('data-status'), 'insufficient');
      await checkStep(page, lang, 'assisted: hosts', page.getByTestId('host-hostname-save'));
      await page.getByTestId('host-hostname-input').fill('worker-0.sno-0.practice.example.com');
      await page.getByTestId('host-hostname-save').click();
      await pollWithRefresh(page, () => page.getByTestId('host-name').textContent(), 'worker-0.sno-0.practice.example.com');
      await pollWithRefresh(page, () => page.getByTestId('host-status').getAttribute('data-status'), 'known');
      await page.getByTestId('host-select').click();

      // Install
      await page.getByTestId('assisted-install').waitFor();
      await checkStep(page, lang, 'assisted: install', page.getByTestId('assisted-install'));
      await page.getByTestId('assisted-install').click();
      await pollWithRefresh(page, () => page.getByTestId('install-status').getAttribute('data-status'), 'added-to-existing-cluster', 90_000);
      await page.getByTestId('assisted-next-finish').click();

      // Finish: the practice kubelet's CSRs through the checklist, node Ready.
      await page.getByTestId('assisted-rebooted').waitFor();
      await approveCsrsUntilReady(page, lang, 'worker-0.sno-0.practice.example.com');
      await markDone(page, lang, 'assisted', title, host.url, { completedByJoin: true });
    });
  }
});
