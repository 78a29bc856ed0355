import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startKeyringSession, type KeyringSession } from '../support/keyring-session';
import { startHost, type RunningHost } from '../support/host';
import { launchChromium, openApp } from '../support/browser';
import { startSsoSimulator, fakeJwt, type SsoSimulator } from '../../electron/services/simulators/sso-simulator';
import { startDay2Simulator, type Day2SimulatorServer } from '../../electron/services/simulators/assisted-day2';
import { systemClock } from '../../electron/services/clock';
import { until } from '../support/wait';

const TOKEN = fakeJwt({ typ: 'Offline', sub: 'e2e-assisted' });
const CLUSTER_ID = '0f6d2c1e-8a7b-4c3d-9e2f-1a2b3c4d5e6f';
const shots = process.env.SFK_SCREENSHOT_DIR;

describe('Assisted Installer flow end to end (Chromium → browser host → SSO + Assisted simulators)', () => {
  let keyring: KeyringSession;
  let sso: SsoSimulator;
  let assisted: Day2SimulatorServer;
  let host: RunningHost;
  let browser: Browser;
  let page: Page;
  let pullSecretPath: string;

  beforeAll(async () => {
    keyring = await startKeyringSession();
    sso = await startSsoSimulator({ clock: systemClock });
    sso.registerOfflineToken(TOKEN);
    // The simulated machine boots the ISO shortly after it is downloaded, says "localhost" and
    // starts with a wrong clock; the state machine advances every 400 ms.
    assisted = await startDay2Simulator(
      { validateToken: (t) => sso.validateAccessToken(t) },
      { tickMs: 400, bootAfterDownloadMs: 300, isoBytes: 2 * 1024 * 1024, practiceHost: { hostname: 'localhost', ntpFailTicks: 3 } },
    );
    const dir = mkdtempSync(join(tmpdir(), 'sfk-e2e-assisted-'));
    pullSecretPath = join(dir, 'pull-secret.txt');
    writeFileSync(pullSecretPath, JSON.stringify({ auths: { 'cloud.openshift.com': { auth: 'eDp5' }, 'registry.redhat.io': { auth: 'eDp5' } } }));
    host = await startHost({ env: keyring.env, args: ['--sso-url', sso.tokenUrl, '--api-url', assisted.url] });
    browser = await launchChromium();
    page = await openApp(browser, host.url, '/settings');
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await assisted?.close();
    await sso?.close();
    keyring?.stop();
  });

  const shot = async (name: string) => {
    if (shots) await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  };
  /** The service polls every ~10 s; the technician (and this test) can ask for an update now. */
  const refreshUntil = (check: () => Promise<boolean>, what: string) =>
    until(
      async () => {
        if (await check()) return true;
        await page
          .getByTestId('assisted-refresh')
          .click()
          .catch(() => undefined);
        return false;
      },
      what,
      { timeout: 60_000, interval: 500 },
    );

  it('goes from credentials to added-to-existing-cluster, then shows the CSR steps', async () => {
    await page.getByTestId('offline-token').fill(TOKEN);
    await page.getByTestId('save-credentials').click();
    await expect.poll(() => page.getByTestId('credentials-status').getAttribute('data-kind'), { timeout: 20_000 }).toBe('offlineToken');

    await page.goto(`${host.url}#/jobs`);
    await page.locator('#job-title').fill('Rack 4 worker');
    await page.locator('#job-kind').selectOption('assisted');
    await page.getByTestId('create-job').click();
    await page.getByTestId('assisted-flow').waitFor();
    expect(await page.getByTestId('assisted-nav-iso').locator('button').isDisabled()).toBe(true);
    const jobId = /#\/jobs\/([a-z0-9-]+)/.exec(page.url())![1]!;
    const jobData = () => (JSON.parse(readFileSync(join(host.dataDir, 'jobs', jobId, 'job.json'), 'utf8')) as { data: Record<string, Record<string, unknown> | undefined> }).data;

    // In-app help: the step's Help link opens its guide section in the app, from the renderer build (offline).
    await page.getByTestId('help-link-assisted.cluster').click();
    const section = page.getByTestId('help-content').locator('h2[id="step-1-cluster-details"]');
    await section.waitFor();
    expect(await section.textContent()).toContain('Step 1: Cluster details');
    await expect
      .poll(() =>
        section.evaluate((h) => {
          const r = h.getBoundingClientRect();
          return r.top >= 0 && r.top < window.innerHeight;
        }),
      )
      .toBe(true);
    await page.keyboard.press('Escape');
    await page.getByTestId('help-modal').waitFor({ state: 'detached' });

    // Cluster details, saved as typed: a reload keeps them; a too-old version is refused in plain words
    await page.getByTestId('assisted-cluster-id').fill(CLUSTER_ID);
    await page.getByTestId('assisted-api-host').fill('https://api.sno.example.com:6443');
    await page.getByTestId('assisted-version').fill('4.10.3');
    await expect.poll(() => jobData().assistedClusterDraft?.version, { timeout: 20_000 }).toBe('4.10.3');
    await page.reload();
    await page.getByTestId('assisted-flow').waitFor();
    expect(await page.getByTestId('assisted-cluster-id').inputValue()).toBe(CLUSTER_ID);
    expect(await page.getByTestId('assisted-api-host').inputValue()).toBe('https://api.sno.example.com:6443');
    expect(await page.getByTestId('assisted-version').inputValue()).toBe('4.10.3');
    await page.getByTestId('assisted-save-cluster').click();
    await expect.poll(() => page.getByTestId('error-alert').first().getAttribute('data-error-code'), { timeout: 20_000 }).toBe('assisted.versionTooOld');
    await page.getByTestId('assisted-version').fill('4.16.3');
    await page.getByTestId('assisted-save-cluster').click();
    await page.getByTestId('assisted-prepare').click();
    await page
      .getByTestId('assisted-cluster-ready')
      .waitFor()
      .catch(async (e: unknown) => {
        await shot('failure');
        throw e;
      });
    expect(assisted.day2.clusters.size).toBe(1);
    await shot('assisted-1-cluster');
    await page.getByTestId('assisted-next-iso').click();

    // Discovery ISO
    await page.getByTestId('assisted-pull-secret').fill(pullSecretPath);
    await page.getByTestId('assisted-check-pull-secret').click();
    await page.getByTestId('assisted-pull-secret-ok').waitFor();
    const SSH = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq3Vb0m1c0F3o7p6QZ8bq0wq4o3uJxJpM2M8xvH1k2R tech@laptop';
    await page.getByTestId('assisted-ssh-key').fill(SSH);
    // The manual path's network form, checked at each field; the nmstate is made from it.
    await page.getByTestId('assisted-network-section').locator('button').first().click();
    await page.getByTestId('assisted-net-static').check();
    await page.getByTestId('assisted-net-iface').fill('eno1');
    await page.getByTestId('assisted-net-address').fill('10.1.101.300/24');
    await expect.poll(() => page.locator('[data-testid="assisted-net-address"] >> xpath=ancestor::div[contains(@class,"pf-v6-c-form__group")][1]').locator('.pf-m-error').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid="assisted-net-mac"] >> xpath=ancestor::div[contains(@class,"pf-v6-c-form__group")][1]').textContent()).toContain('MAC address');
    expect(await page.getByTestId('assisted-generate').isDisabled()).toBe(true);
    await page.getByTestId('assisted-net-address').fill('10.1.101.50/24');
    await page.getByTestId('assisted-net-mac').fill('52:54:00:ab:cd:01');
    await page.getByTestId('assisted-net-gateway').fill('10.1.101.1');
    await page.getByTestId('assisted-net-dns').fill('10.1.101.1');
    await page.getByTestId('assisted-net-preview').locator('button').first().click();
    await expect.poll(() => page.getByTestId('assisted-nmstate-generated').textContent()).toContain('10.1.101.50');
    // Saved as typed: the ISO step's fields come back after a reload.
    await expect.poll(() => (jobData().assistedIsoDraft?.network as { dns?: { servers?: string[] } } | undefined)?.dns?.servers, { timeout: 20_000 }).toEqual(['10.1.101.1']);
    await page.reload();
    await page.getByTestId('assisted-flow').waitFor();
    expect(await page.getByTestId('assisted-pull-secret').inputValue()).toBe(pullSecretPath);
    expect(await page.getByTestId('assisted-ssh-key').inputValue()).toBe(SSH);
    await page.getByTestId('assisted-network-section').locator('button').first().click();
    expect(await page.getByTestId('assisted-net-address').inputValue()).toBe('10.1.101.50/24');
    expect(await page.getByTestId('assisted-net-mac').inputValue()).toBe('52:54:00:ab:cd:01');
    await shot('assisted-2-iso');
    await page.getByTestId('assisted-generate').click();
    await page.getByTestId('assisted-infra-env').waitFor();
    const sent = assisted.day2.exchanges.find((x) => x.method === 'POST' && /\/infra-envs$/.test(x.path))?.requestBody as
      { static_network_config?: { network_yaml: string; mac_interface_map: { mac_address: string; logical_nic_name: string }[] }[] } | undefined;
    expect(sent?.static_network_config?.[0]?.network_yaml).toContain('10.1.101.50');
    expect(sent?.static_network_config?.[0]?.mac_interface_map).toEqual([{ mac_address: '52:54:00:AB:CD:01', logical_nic_name: 'eno1' }]);
    await page.getByTestId('assisted-next-download').click();

    // Download into the cache; the link is copyable on request
    await page.getByTestId('assisted-download').click();
    await page.getByTestId('assisted-iso-done').waitFor({ timeout: 60_000 });
    await page.getByTestId('assisted-show-link').click();
    expect(await page.getByTestId('assisted-iso-url').locator('input').inputValue()).toContain('/images/bytoken/');
    await shot('assisted-3-download');
    await page.getByTestId('assisted-next-hosts').click();

    // Host discovery: the machine appears with its MAC and serial; it reported "localhost"
    await refreshUntil(async () => (await page.getByTestId('host-status').count()) > 0, 'the host to appear');
    await refreshUntil(async () => (await page.getByTestId('host-status').getAttribute('data-status')) === 'insufficient', 'insufficient');
    expect(await page.getByTestId('host-macs').textContent()).toContain('52:54:00:ab:cd:01');
    expect(await page.getByTestId('host-serial').textContent()).toBe('SIM1001');
    await page.getByTestId('validation-hostname-valid').waitFor();
    if (shots) {
      await page.setViewportSize({ width: 1280, height: 2000 });
      await shot('assisted-4-hosts');
      await page.setViewportSize({ width: 1280, height: 720 });
    }
    await page.getByTestId('host-hostname-input').fill('localhost');
    expect(await page.getByTestId('host-hostname-save').isDisabled()).toBe(true);
    await page.getByTestId('host-hostname-input').fill('worker-0');
    await page.getByTestId('host-hostname-save').click();
    await refreshUntil(async () => (await page.getByTestId('host-name').textContent()) === 'worker-0', 'the new host name');
    await refreshUntil(async () => (await page.getByTestId('host-status').getAttribute('data-status')) === 'known', 'known (clock recovered)');
    await page.getByTestId('host-select').click();

    // Installation with progress and events
    await page.getByTestId('assisted-install').click();
    await refreshUntil(async () => (await page.getByTestId('install-progress').count()) > 0, 'install progress');
    await refreshUntil(async () => (await page.getByTestId('install-status').getAttribute('data-status')) === 'added-to-existing-cluster', 'added-to-existing-cluster');
    expect(await page.getByTestId('assisted-events').textContent()).toContain('added-to-existing-cluster');
    await shot('assisted-5-install');
    await page.getByTestId('assisted-next-finish').click();
    await page.getByTestId('assisted-rebooted').waitFor();
    // Without a kubeconfig: per-request commands and the checklist, never a blanket approve.
    const approveText = (await page.getByTestId('assisted-csr-approve').textContent()) ?? '';
    expect(approveText).toContain('oc adm certificate approve <CSR-NAME>');
    expect(await page.getByTestId('assisted-manual-csr').textContent()).not.toMatch(/xargs|go-template/);
    expect(await page.getByTestId('assisted-csr-checklist').textContent()).toContain('system:node:worker-0');
    await shot('assisted-6-finish');

    // zh-CN: the same page, translated
    await page.goto(`${host.url}#/settings`);
    await page.getByTestId('language-select').selectOption('zh-CN');
    await page.goBack();
    await page.getByTestId('assisted-rebooted').waitFor();
    expect(await page.getByTestId('assisted-rebooted').textContent()).toContain('主机已重启进入已安装的系统');
    await page.getByTestId('assisted-nav-hosts').locator('button').click();
    await page.getByTestId('host-status').waitFor();
    await shot('assisted-7-hosts-zh');
  }, 240_000);

  it('console path: links to OpenShift Cluster Manager, keeps typed values across a reload, hands over to CSR commands and reaches Done', async () => {
    await page.goto(`${host.url}#/settings`);
    await page.getByTestId('language-select').selectOption('en');
    await page.goto(`${host.url}#/jobs`);
    await page.locator('#job-title').fill('Console worker');
    await page.locator('#job-kind').selectOption('console');
    await page.getByTestId('create-job').click();
    await page.getByTestId('console-flow').waitFor();
    await page.setViewportSize({ width: 1366, height: 768 });
    expect(await page.getByTestId('console-open').getAttribute('href')).toBe('https://console.redhat.com/openshift');
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('console-iso-path').fill('/tmp/discovery_image_sno.iso');
    await page.getByTestId('console-usb').waitFor();
    // Saved as typed: once the job holds the path the step list shows the ISO step in progress, and a reload keeps it.
    await expect.poll(() => page.getByTestId('console-nav-iso').getAttribute('data-status'), { timeout: 20_000 }).toBe('inProgress');
    expect(await page.getByTestId('console-nav-console').getAttribute('data-status')).toBe('done');
    await page.reload();
    await page.getByTestId('console-flow').waitFor();
    await expect.poll(() => page.getByTestId('console-iso-path').inputValue(), { timeout: 20_000 }).toBe('/tmp/discovery_image_sno.iso');
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('console-host-name').fill('Worker_1');
    await expect.poll(() => page.getByTestId('console-host-name-help').textContent()).toContain('worker-1.cluster.example.com');
    await page.getByTestId('console-host-name').fill('worker-1.sno1.example.com');
    expect(await page.getByTestId('console-flow').textContent()).toContain('oc adm certificate approve');
    expect(await page.getByTestId('console-flow').textContent()).not.toMatch(/xargs|go-template/);
    // The last step's one primary action is "Mark job done", in view without scrolling, behind a confirmation.
    const done = page.getByTestId('wizard-mark-done');
    expect(await page.locator('[data-testid="console-wizard"] .pf-v6-c-button.pf-m-primary:visible').count()).toBe(1);
    expect(await done.evaluate((b) => b.classList.contains('pf-m-primary'))).toBe(true);
    const box = await done.boundingBox();
    expect(box && box.y + box.height <= 768).toBe(true);
    await done.click();
    await page.getByTestId('mark-done-confirm').click();
    await expect.poll(() => page.getByTestId('wizard-mark-done').isDisabled(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('console-nav-join').getAttribute('data-status')).toBe('done');
    await shot('console-1');
  }, 120_000);
});
