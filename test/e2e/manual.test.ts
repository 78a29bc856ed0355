import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { startHost, type RunningHost } from '../support/host';
import { launchChromium, openApp } from '../support/browser';
import { workerIgnFixture } from '../unit/manual/fixtures';
import { startKubeApiSimulator, type KubeApiSimulator } from '../../electron/services/simulators/kube-api-simulator';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/** The manual wizard in Chromium against the real browser host: every step, the Ignition server, resume. */
describe('manual worker wizard end to end', () => {
  let host: RunningHost;
  let browser: Browser;
  let page: Page;
  let port: number;
  let sim: KubeApiSimulator;
  let stopWorker: (() => void) | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'sfk-e2e-manual-'));
  const workerPath = join(dir, 'worker.ign');
  const worker = workerIgnFixture();
  const kubeconfig = join(dir, 'kubeconfig');

  beforeAll(async () => {
    writeFileSync(workerPath, worker);
    sim = await startKubeApiSimulator({
      clusterVersion: { version: '4.16.3' },
      secrets: [{ namespace: 'openshift-machine-api', name: 'worker-user-data-managed', data: { userData: worker } }],
      nodes: [{ name: 'sno-0', roles: ['control-plane', 'master', 'worker'], ready: true, addresses: [{ type: 'InternalIP', address: '10.1.101.10' }] }],
    });
    sim.writeKubeconfig(kubeconfig);
    port = await freePort();
    host = await startHost();
    browser = await launchChromium();
    page = await openApp(browser, host.url, '/jobs', 'en-US');
    // Fail with the locator's name well before the test timeout.
    page.setDefaultTimeout(15_000);
  });
  afterAll(async () => {
    stopWorker?.();
    await browser?.close();
    await host?.stop();
    await sim?.close();
  });

  it('creates a manual job, refuses a cluster older than 4.11, then connects with the kubeconfig', { timeout: 90_000 }, async () => {
    await page.locator('#job-title').fill('worker-1 site A');
    await page.locator('#job-kind').selectOption('manual');
    await page.getByTestId('create-job').click();
    await page.getByTestId('manual-flow').waitFor();
    await page.getByTestId('cluster-tab-manual').click();
    // A bad cluster ID is refused at its field, in words, never as the schema's raw JSON.
    await page.getByTestId('cluster-manual-id').fill('not-a-cluster-id');
    await page.getByTestId('cluster-manual-host').fill('api.sno1.example.com');
    await page.getByTestId('cluster-manual-version').fill('4.16.3');
    await page.getByTestId('cluster-manual-save').click();
    await expect.poll(() => page.getByTestId('cluster-manual-id-help').locator('[data-field-error]').getAttribute('data-field-error')).toBe('app.fieldErrors.format');
    expect(await page.getByTestId('cluster-connect').textContent()).not.toMatch(/"origin"|invalid_format|\[\s*\{/);
    await page.getByTestId('cluster-manual-id').fill('0b6f4d1e-6a59-4c1a-9b39-6d6f0d2b8a11');
    await page.getByTestId('cluster-manual-version').fill('4.10.3');
    await page.getByTestId('cluster-manual-save').click();
    await expect.poll(() => page.getByTestId('cluster-manual-version-help').locator('[data-field-error]').getAttribute('data-field-error')).toBe('cluster.errors.versionTooOld');
    expect(await page.getByTestId('cluster-manual-id-help').locator('[data-field-error]').count()).toBe(0);
    expect(await page.getByTestId('manual-cluster-save').count()).toBe(0);
    await page.getByTestId('cluster-tab-kubeconfig').click();
    await page.getByTestId('cluster-kubeconfig-path').fill(kubeconfig);
    await page.getByTestId('cluster-connect-button').click();
    await expect.poll(() => page.getByTestId('manual-cluster-save').isDisabled(), { timeout: 30_000 }).toBe(false);
    expect(await page.getByTestId('manual-version-too-old').count()).toBe(0);
    await page.getByTestId('manual-arch').selectOption('x86_64');
    await page.getByTestId('manual-cluster-save').click();
    await page.getByTestId('manual-workerign-step').waitFor();
  });

  it('explains an unreadable file, then reads worker.ign from the cluster secret', async () => {
    await page.getByTestId('manual-ign-from-file').check();
    await page.getByTestId('manual-ign-path').fill(join(dir, 'missing.ign'));
    await page.getByTestId('manual-ign-load').click();
    await expect.poll(() => page.getByTestId('error-alert').getAttribute('data-error-code')).toBe('manual.workerIgnFile');
    await page.locator('#manual-ign-cluster').check();
    await page.getByTestId('manual-ign-load').click();
    await expect.poll(() => page.getByTestId('manual-ign-merge').textContent(), { timeout: 15_000 }).toBe('https://api-int.sno1.example.com:22623/config/worker');
    expect(await page.getByTestId('manual-ign-version').textContent()).toBe('3.2.0');
    expect(await page.getByTestId('manual-ign-loaded').textContent()).toContain('openshift-machine-api/worker-user-data-managed');
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('manual-network-step').waitFor();
  });

  it('validates host name and network as they are typed', async () => {
    await page.getByTestId('manual-hostname').fill('localhost');
    await expect.poll(() => page.getByTestId('manual-network-step').textContent()).toContain('cannot be a worker name');
    await page.getByTestId('manual-hostname').fill('worker-1.sno1.example.com');
    await page.getByTestId('manual-net-static').check();
    await page.getByTestId('manual-net-iface').fill('ens3');
    await page.getByTestId('manual-net-address').fill('10.1.101.50/24');
    await page.getByTestId('manual-net-gateway').fill('10.1.102.1');
    await page.getByTestId('manual-net-dns').fill('10.1.101.1 10.1.101.2');
    await expect.poll(() => page.getByTestId('manual-network-step').textContent()).toContain('outside the subnet 10.1.101.50/24');
    expect(await page.getByTestId('manual-net-save').isDisabled()).toBe(true);
    await page.getByTestId('manual-net-gateway').fill('10.1.101.1');
    await expect.poll(() => page.getByTestId('manual-net-save').isDisabled()).toBe(false);
    await page.getByTestId('manual-net-save').click();
    await page.getByTestId('manual-files-step').waitFor();
  });

  it('generates the files, serves them on the picked address and logs the node fetching them', async () => {
    await page.getByTestId('manual-server-host').selectOption('127.0.0.1');
    await page.getByTestId('manual-server-port').fill(String(port));
    await page.getByTestId('manual-device').fill('/dev/disk/by-id/nvme-Samsung_SSD_980_S1');
    // An NMStateConfig identifies the host by MAC: without one the generation explains why it refuses.
    await page.locator('#manual-nmsc').check();
    await page.getByTestId('manual-nmsc-ns').fill('sno1');
    await page.getByTestId('manual-generate').click();
    await expect.poll(() => page.getByTestId('manual-generate-issues').textContent()).toContain('MAC');
    await page.locator('#manual-nmsc').uncheck();
    await page.getByTestId('manual-generate').click();
    await page.getByTestId('manual-file-new-worker.ign').waitFor({ timeout: 15_000 });
    for (const name of ['worker.ign', 'ens3.nmconnection', 'nmcli.sh', 'install.sh']) expect(await page.getByTestId(`manual-file-${name}`).count()).toBe(1);
    await page.screenshot({ path: '/tmp/sfk-manual-files-en.png', fullPage: true });
    await page.getByTestId('manual-server-start').click();
    await page.getByTestId('manual-server-running').waitFor();
    const url = `http://127.0.0.1:${port}/new-worker.ign`;
    expect(await page.getByTestId('manual-url-new-worker.ign').textContent()).toContain(url);
    const nodeIgn = await (await fetch(url)).text();
    const merge = JSON.parse(nodeIgn).ignition.config.merge[0];
    expect(merge).toEqual({ source: `http://127.0.0.1:${port}/worker.ign`, verification: { hash: `sha512-${createHash('sha512').update(worker).digest('hex')}` } });
    await expect.poll(() => page.getByTestId('manual-server-log').textContent()).toContain('127.0.0.1 fetched new-worker.ign');
    await page.screenshot({ path: '/tmp/sfk-manual-server-en.png', fullPage: true });
  });

  it('shows the console steps with the hash-pinned install command, and resumes there after a reload (in zh-CN)', { timeout: 90_000 }, async () => {
    await page.getByTestId('wizard-next').click();
    expect(await page.locator('#manual-stream-cmd-code').textContent()).toContain('.architectures.x86_64.artifacts.metal.formats.iso.disk');
    expect(await page.getByTestId('manual-prepare-site').textContent()).toContain('4.16.3');
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('manual-usb-step').waitFor();
    await page.getByTestId('manual-usb-tab-self').click();
    await expect.poll(() => page.getByTestId('manual-usb-step').textContent()).toContain('worker-1.sno1.example.com');
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('manual-console-step').waitFor();
    const install = (await page.locator('#manual-console-install-code').textContent()) ?? '';
    expect(install).toContain(`--ignition-url=http://127.0.0.1:${port}/new-worker.ign`);
    expect(install).toMatch(/--ignition-hash=sha512-[0-9a-f]{128}/);
    expect(install).toContain('--copy-network');
    expect(install).not.toContain('--insecure-ignition');
    expect(await page.locator('#manual-console-network-code').textContent()).toContain('nmcli con add type ethernet con-name ens3 ifname ens3');
    // Node commands go to an SSH tab to that node (none is open: offer to open one), never the laptop's shell.
    for (const key of ['install', 'reboot', 'network']) expect(await page.getByTestId(`manual-cmd-${key}-send`).getAttribute('data-send')).toBe('openSsh');

    const jobHash = new URL(page.url()).hash;
    const zh = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    zh.setDefaultTimeout(15_000);
    await zh.goto(`${host.url}${jobHash}`);
    await zh.getByTestId('manual-console-step').waitFor({ timeout: 15_000 });
    expect(await zh.getByTestId('manual-step-title').textContent()).toBe('控制台步骤');
    expect(await zh.locator('#manual-console-install-code').textContent()).toBe(install);
    await zh.screenshot({ path: '/tmp/sfk-manual-console-zh.png' });
    await zh.getByTestId('manual-nav-files').locator('button').click();
    await zh.getByTestId('manual-generated').waitFor({ timeout: 15_000 });
    await zh.screenshot({ path: '/tmp/sfk-manual-files-zh.png', fullPage: true });
    await zh.close();
  });

  it("approves the new node's CSRs with the host name from the wizard; the job completes and the server stops", { timeout: 180_000 }, async () => {
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('csr-panel').waitFor();
    // The wizard saved its host name as the worker the checks expect: shown on one line, the requests in view.
    await expect.poll(() => page.getByTestId('csr-worker-summary-name').textContent(), { timeout: 30_000 }).toBe('worker-1.sno1.example.com');
    stopWorker = (await sim.simulateJoiningWorker({ nodeName: 'worker-1.sno1.example.com', address: '10.1.101.50', readyDelayMs: 1000 })).stop;
    const rowOf = (kind: 'client' | 'serving') => page.locator(`[data-testid^="csr-row-"][data-kind="${kind}"]`);
    await expect.poll(() => rowOf('client').getAttribute('data-verdict'), { timeout: 30_000 }).toBe('approve');
    await page.getByTestId('csr-approve-all').click();
    await expect.poll(() => rowOf('serving').getAttribute('data-verdict'), { timeout: 30_000 }).toBe('approve');
    await page.getByTestId('csr-approve-all').click();
    await page.getByTestId('join-complete').waitFor({ timeout: 60_000 });
    await page.screenshot({ path: '/tmp/sfk-manual-join-en.png', fullPage: true });
    await expect
      .poll(
        async () =>
          fetch(`http://127.0.0.1:${port}/new-worker.ign`).then(
            () => 'up',
            () => 'down',
          ),
        { timeout: 30_000 },
      )
      .toBe('down');
  });
});
