import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import type { Browser, Locator, Page } from 'playwright-core';
import { startHost, type RunningHost } from '../support/host';
import { launchChromium } from '../support/browser';
import { checkStep as checkWalkStep, reportLatinFindings, VIEWPORT, type Lang } from '../support/practice-walk';
import { en } from '../../shared/i18n/en';
import { zhCN } from '../../shared/i18n/zh-CN';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/** The install disk the walk types: a self-installing stick names it when it is confirmed. */
const PRACTICE_DISK = '/dev/disk/by-id/nvme-Practice_SSD_1';
const LANGS = [
  { lang: 'en' as Lang, locale: 'en-US', text: en, hostname: 'worker-1.sno.practice.example.com', network: 'static' as const },
  { lang: 'zh-CN' as Lang, locale: 'zh-CN', text: zhCN, hostname: 'worker-2.sno.practice.example.com', network: 'dhcp' as const },
];

/**
 * Issue #15's acceptance rule for the manual path: from a new job to "Done" in practice mode,
 * through the UI only (no file made outside the app), at 1366x768, in en and zh-CN, with axe,
 * the main action in view and (zh-CN) the Latin-text check on every step.
 */
describe.each(LANGS)('manual path in practice mode, new job to Done ($lang)', ({ lang, locale, text, hostname, network }) => {
  let host: RunningHost;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    host = await startHost({ args: ['--practice'] });
    browser = await launchChromium();
    // The app's CSP refuses inline scripts; axe is injected by the test, so this context bypasses it.
    const context = await browser.newContext({ locale, bypassCSP: true, viewport: VIEWPORT });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${host.url}#/jobs`);
    await page.getByTestId('nav-jobs').waitFor();
  }, 90_000);
  afterAll(async () => {
    reportLatinFindings();
    await browser?.close();
    await host?.stop();
  });

  /** The checks every practice walk makes on a step (test/support/practice-walk.ts). */
  const checkStep = (name: string, action: Locator) => checkWalkStep(page, lang, name, action);

  it('creates the job and connects it to the practice cluster', { timeout: 90_000 }, async () => {
    await page.locator('#job-title').fill(lang === 'en' ? 'practice worker site A' : '练习 worker 站点');
    await page.locator('#job-kind').selectOption('manual');
    await page.getByTestId('create-job').click();
    await page.getByTestId('manual-flow').waitFor();
    await checkStep('cluster step', page.getByTestId('practice-cluster-use'));
    expect(await page.getByTestId('practice-cluster-use').textContent()).toBe(text.cluster.practice.use);
    await page.getByTestId('practice-cluster-version').selectOption('4.16');
    await page.getByTestId('practice-cluster-use').click();
    await expect.poll(() => page.getByTestId('cluster-summary').textContent(), { timeout: 30_000 }).toContain('4.16.30');
    await page.getByTestId('manual-arch').selectOption('x86_64');
    await checkStep('cluster step, connected', page.getByTestId('manual-cluster-save'));
    await page.getByTestId('manual-cluster-save').click();
    await page.getByTestId('manual-workerign-step').waitFor();
  });

  it('reads worker.ign from the practice cluster', { timeout: 60_000 }, async () => {
    await checkStep('worker.ign step', page.getByTestId('manual-ign-load'));
    expect(await page.locator('#manual-ign-cluster').isChecked()).toBe(true);
    await page.getByTestId('manual-ign-load').click();
    await expect.poll(() => page.getByTestId('manual-ign-merge').textContent(), { timeout: 30_000 }).toBe('https://api-int.sno.practice.example.com:22623/config/worker');
    expect(await page.getByTestId('manual-ign-loaded').textContent()).toContain('openshift-machine-api/worker-user-data-managed');
    await checkStep('worker.ign step, read', page.getByTestId('wizard-next'));
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('manual-network-step').waitFor();
  });

  it(`names the worker and plans its network (${network})`, { timeout: 60_000 }, async () => {
    await checkStep('network step', page.getByTestId('manual-net-save'));
    await page.getByTestId('manual-hostname').fill(hostname);
    await page.getByTestId(`manual-net-${network}`).check();
    await page.getByTestId('manual-net-iface').fill('ens3');
    if (network === 'static') {
      await page.getByTestId('manual-net-address').fill('192.168.50.21/24');
      await page.getByTestId('manual-net-gateway').fill('192.168.50.1');
      await page.getByTestId('manual-net-dns').fill('192.168.50.1');
    }
    await expect.poll(() => page.getByTestId('manual-net-save').isDisabled()).toBe(false);
    await page.getByTestId('manual-net-save').click();
    await page.getByTestId('manual-files-step').waitFor();
  });

  it('generates the files for a server on this computer', { timeout: 60_000 }, async () => {
    await checkStep('files step', page.getByTestId('manual-generate'));
    await page.getByTestId('manual-server-host').selectOption('127.0.0.1');
    await page.getByTestId('manual-server-port').fill(String(await freePort()));
    await page.getByTestId('manual-device').fill(PRACTICE_DISK);
    await page.getByTestId('manual-generate').click();
    await page.getByTestId('manual-file-new-worker.ign').waitFor({ timeout: 30_000 });
    await checkStep('files step, generated', page.getByTestId('wizard-next'));
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('manual-artifacts-step').waitFor();
  });

  it('downloads the RHCOS live ISO from the practice mirror, checked', { timeout: 180_000 }, async () => {
    await checkStep('RHCOS ISO step', page.getByTestId('manual-prepare-site'));
    await page.getByTestId('manual-prepare-site').click();
    await expect.poll(() => page.getByTestId('manual-bundle-progress').getAttribute('class'), { timeout: 150_000 }).toMatch(/pf-m-success|pf-m-danger/);
    const why = (await page.getByTestId('error-alert').allTextContents()).join(' | ');
    expect(await page.getByTestId('manual-bundle-progress').getAttribute('class'), `the site bundle downloaded: ${why}`).toMatch(/pf-m-success/);
    await page.getByTestId('manual-iso-cached').waitFor();
    expect(await page.getByTestId('manual-iso-cached').textContent()).toMatch(/rhcos-.*live.*\.iso/);
    await checkStep('RHCOS ISO step, downloaded', page.getByTestId('wizard-next'));
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('manual-usb-step').waitFor();
  });

  it('writes the live ISO to the practice stick and verifies it by reading it back', { timeout: 120_000 }, async () => {
    const stick = page.getByTestId('usb-drive-practice:stick');
    await stick.waitFor({ timeout: 30_000 });
    expect(await stick.textContent()).toContain(text.practiceKit.stick);
    await stick.locator('input[type=radio]').check();
    await checkStep('USB step', page.getByTestId('usb-write'));
    await page.getByTestId('usb-write').click();
    await page.getByTestId('usb-confirm-check').check();
    await page.getByTestId('usb-confirm-write').click();
    await expect.poll(() => page.getByTestId('usb-write-panel').getAttribute('data-state'), { timeout: 90_000 }).toMatch(/^(done|failed|cancelled)$/);
    expect(await page.getByTestId('usb-write-panel').getAttribute('data-state')).toBe('done');
    await page.getByTestId('usb-done').waitFor();

    // the same stick again, now self-installing: the configuration embedded on the way, no copy made
    await page.getByTestId('manual-usb-tab-self').click();
    await page.getByTestId('self-installing-usb').waitFor();
    await expect.poll(() => page.getByTestId('iso-source').inputValue(), { timeout: 30_000 }).toMatch(/rhcos-.*live.*\.iso$/);
    await checkStep('USB step, self-installing', page.getByTestId('iso-to-stick'));
    await page.getByTestId('iso-to-stick').click();
    const writer = page.getByTestId('iso-stick');
    await writer.getByTestId('usb-self-install').waitFor();
    await writer.getByTestId('usb-drive-practice:stick').locator('input[type=radio]').check();
    await checkStep('USB step, self-installing stick chosen', writer.getByTestId('usb-write'));
    await writer.getByTestId('usb-write').click();
    // at the moment of committing, the modal says which disk the stick wipes on any server it boots
    expect(await page.getByTestId('usb-confirm-self-install').textContent()).toContain(PRACTICE_DISK);
    await page.getByTestId('usb-confirm-check').check();
    await page.getByTestId('usb-confirm-write').click();
    await expect.poll(() => writer.getByTestId('usb-write-panel').getAttribute('data-state'), { timeout: 90_000 }).toMatch(/^(done|failed|cancelled)$/);
    expect(await writer.getByTestId('usb-write-panel').getAttribute('data-state'), (await page.getByTestId('error-alert').allTextContents()).join(' | ')).toBe('done');
    expect(await writer.getByTestId('usb-done-self-install').textContent()).toMatch(/\d/);
    await checkStep('USB step, self-installing stick written', page.getByTestId('wizard-next'));
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('manual-console-step').waitFor();
  });

  it('serves the Ignition files; the practice machine boots and fetches its config', { timeout: 90_000 }, async () => {
    await checkStep('console step', page.getByTestId('manual-server-start'));
    await page.getByTestId('manual-server-start').click();
    await page.getByTestId('manual-server-running').waitFor();
    // The practice machine looks every few seconds and fetches new-worker.ign over loopback, for real.
    await expect.poll(() => page.getByTestId('manual-server-log').textContent(), { timeout: 30_000 }).toContain('new-worker.ign');
    await checkStep('console step, serving', page.getByTestId('wizard-next'));
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('manual-join-step').waitFor();
  });

  it('approves the client and then the serving CSR by the checklist; the others are rejected; the node turns Ready', { timeout: 120_000 }, async () => {
    await page.getByTestId('csr-panel').waitFor();
    const rows = page.locator('[data-testid^="csr-row-"]');
    const rejected = page.locator('[data-testid^="csr-row-"][data-verdict="reject"]');
    const ofKind = (kind: string, verdict: string) => page.locator(`[data-testid^="csr-row-"][data-kind="${kind}"][data-verdict="${verdict}"]`);
    const approveAll = page.getByTestId('csr-approve-all');
    // The kubelet posts its client CSR and a malformed one; the checklist approves one and rejects the other.
    await expect.poll(() => ofKind('client', 'approve').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => rejected.count(), { timeout: 30_000 }).toBe(1);
    const clientName = ((await ofKind('client', 'approve').getAttribute('data-testid')) ?? '').replace('csr-row-', '');
    // "Approve all valid for this worker (1)": the checklist's plan is the client CSR alone.
    await expect.poll(() => approveAll.textContent()).toContain('(1)');
    await checkStep('join step, client CSR', approveAll);
    await approveAll.click();
    await expect.poll(() => page.getByTestId(`csr-row-${clientName}`).getAttribute('data-condition'), { timeout: 30_000 }).toMatch(/Approved/);

    // Registered, the node asks for its serving certificate, and (practice) for another node's identity.
    await expect.poll(() => ofKind('serving', 'approve').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => rejected.count(), { timeout: 30_000 }).toBe(2);
    const servingName = ((await ofKind('serving', 'approve').getAttribute('data-testid')) ?? '').replace('csr-row-', '');

    // A stray "Mark job done" asks first, and Cancel leaves the job open.
    await page.getByTestId('wizard-mark-done').click();
    await page.getByTestId('mark-done-modal').waitFor();
    await checkStep('mark job done confirmation', page.getByTestId('mark-done-confirm'));
    await page.getByTestId('mark-done-modal').getByRole('button', { name: text.common.cancel, exact: true }).click();
    await page.getByTestId('mark-done-modal').waitFor({ state: 'detached' });
    expect(await page.getByTestId('wizard-mark-done').textContent()).toBe(text.app.wizard.markDone);

    await expect.poll(() => approveAll.textContent()).toContain('(1)');
    await checkStep('join step, serving CSR', approveAll);
    await approveAll.click();
    await expect.poll(() => page.getByTestId(`csr-row-${servingName}`).getAttribute('data-condition'), { timeout: 30_000 }).toMatch(/Approved/);
    await page.getByTestId('join-complete').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId(`node-status-${hostname}`).textContent()).toBe('Ready');

    // The malformed and the impersonating requests were shown as rejected and could never be approved.
    expect(await rejected.count()).toBe(2);
    expect(await rejected.locator('[data-testid^="csr-approve-"]').count()).toBe(0);
    for (const name of await rejected.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!))) {
      expect(await page.getByTestId(name).getAttribute('data-condition')).not.toMatch(/Approved/);
    }
    expect(await rows.count()).toBe(4);
  });

  it('the job shows Done once the node is Ready', { timeout: 60_000 }, async () => {
    // The join watcher completes the job when the node is Ready with its serving certificate
    // (cluster-service complete()): "Mark job done" then reads "Job done" and cannot be pressed again.
    await expect.poll(() => page.getByTestId('wizard-mark-done').textContent(), { timeout: 30_000 }).toBe(text.app.wizard.markedDone);
    expect(await page.getByTestId('wizard-mark-done').isDisabled()).toBe(true);
    await checkStep('join step, node Ready', page.getByTestId('wizard-mark-done'));
    await page.getByTestId('nav-jobs').click();
    const list = page.getByTestId('job-list');
    await list.waitFor();
    await expect.poll(() => list.textContent()).toContain(text.app.home.status.done);
    await checkStep('job list, done', page.getByTestId('create-job'));
  });
});
