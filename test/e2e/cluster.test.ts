import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startHost, type RunningHost } from '../support/host';
import { launchChromium, openApp } from '../support/browser';
import { JobStore } from '../../electron/services/jobs/job-store';
import { systemClock } from '../../electron/services/clock';
import { startKubeApiSimulator, type KubeApiSimulator } from '../../electron/services/simulators/kube-api-simulator';

/**
 * Chromium → browser host → fake Kubernetes API over TLS: a worker's client CSR appears and is
 * approved, the serving CSR appears and is approved, the node turns Ready, the job completes and its
 * audit log holds both approvals.
 */
describe('cluster end to end: CSRs and node Ready', () => {
  let host: RunningHost;
  let browser: Browser;
  let page: Page;
  let sim: KubeApiSimulator;
  let jobs: JobStore;
  let jobId: string;
  let kubeconfig: string;
  let stopWorker: (() => void) | undefined;

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sfk-e2e-cluster-'));
    sim = await startKubeApiSimulator({
      clusterVersion: { version: '4.18.12' },
      nodes: [{ name: 'sno-0', roles: ['control-plane', 'master', 'worker'], ready: true, addresses: [{ type: 'InternalIP', address: '192.168.50.10' }] }],
    });
    kubeconfig = join(dataDir, 'kubeconfig');
    sim.writeKubeconfig(kubeconfig);
    jobs = new JobStore(dataDir, systemClock);
    jobId = (await jobs.create('manual', 'worker-e2e')).id;
    host = await startHost({ dataDir });
    browser = await launchChromium();
  }, 90_000);
  afterAll(async () => {
    stopWorker?.();
    await browser?.close();
    await host?.stop();
    await sim?.close();
  });

  const rowOf = (kind: 'client' | 'serving') => page.locator(`[data-testid^="csr-row-"][data-kind="${kind}"]`);

  it('connects with the kubeconfig and shows the cluster', async () => {
    page = await openApp(browser, host.url, `/cluster/${jobId}`);
    await page.getByTestId('cluster-kubeconfig-path').fill(kubeconfig);
    await page.getByTestId('cluster-connect-button').click();
    await expect.poll(() => page.getByTestId('cluster-summary-version').textContent(), { timeout: 30_000 }).toBe('4.18.12');
    await expect.poll(() => page.getByTestId('node-status-sno-0').textContent()).toBe('Ready');
    await page.screenshot({ path: '/tmp/sfk-cluster-connected-en.png', fullPage: true });
  }, 90_000);

  it('approves the client CSR, then the serving CSR, and completes the job when the node is Ready', async () => {
    await page.getByTestId('csr-node-name').fill('worker-e2e.example.com');
    await page.getByTestId('csr-addresses').fill('192.168.50.0/24');
    await page.getByTestId('csr-save-worker').click();
    await page.getByTestId('csr-auto-approve').waitFor({ timeout: 30_000 });
    // Saved, the worker folds into one line with what the checks will compare.
    await expect.poll(() => page.getByTestId('csr-worker-summary-name').textContent(), { timeout: 30_000 }).toBe('worker-e2e.example.com');
    expect(await page.getByTestId('csr-worker-summary-addresses').textContent()).toContain('192.168.50.0/24');
    expect(await page.getByTestId('csr-node-name').count()).toBe(0);

    stopWorker = (await sim.simulateJoiningWorker({ nodeName: 'worker-e2e.example.com', address: '192.168.50.21', readyDelayMs: 1500 })).stop;
    // the client CSR appears with a passing verdict
    await expect.poll(() => rowOf('client').getAttribute('data-verdict'), { timeout: 30_000 }).toBe('approve');
    const clientName = (await rowOf('client').getAttribute('data-testid'))!.replace('csr-row-', '');
    await page.getByTestId(`csr-approve-${clientName}`).click();
    await expect.poll(() => page.getByTestId(`csr-condition-${clientName}`).textContent(), { timeout: 30_000 }).toMatch(/^Approved/);

    // the serving CSR appears once the Node registered
    await expect.poll(() => rowOf('serving').getAttribute('data-verdict'), { timeout: 30_000 }).toBe('approve');
    const servingName = (await rowOf('serving').getAttribute('data-testid'))!.replace('csr-row-', '');
    await page.getByTestId(`csr-row-${servingName}`).locator('button').first().click();
    await expect.poll(() => page.getByTestId(`csr-details-${servingName}`).textContent(), { timeout: 10_000 }).toContain('192.168.50.21');
    await page.screenshot({ path: '/tmp/sfk-cluster-csr-en.png', fullPage: true });
    await page.getByTestId('csr-approve-all').click();
    await expect.poll(() => page.getByTestId(`csr-condition-${servingName}`).textContent(), { timeout: 30_000 }).toMatch(/^Approved/);

    // node Ready + serving approved → job complete
    await page.getByTestId('join-complete').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('node-status-worker-e2e.example.com').first().textContent()).toBe('Ready');
    await expect.poll(async () => (await jobs.get(jobId)).status, { timeout: 30_000 }).toBe('done');
    const audit = await jobs.audit(jobId);
    const approvals = audit.filter((a) => a.action === 'csr.approve');
    expect(approvals.map((a) => (a.details as { csr: string }).csr)).toEqual([clientName, servingName]);
    expect(approvals.map((a) => (a.details as { kind: string }).kind)).toEqual(['client', 'serving']);
    expect(audit.some((a) => a.action === 'cluster.nodeReady')).toBe(true);
    expect(sim.getCsr(servingName)!.status.conditions[0]).toMatchObject({ type: 'Approved', reason: 'SnoFieldKitApprove' });
    await page.screenshot({ path: '/tmp/sfk-cluster-done-en.png', fullPage: true });
  }, 180_000);

  it('shows the page in zh-CN', async () => {
    const zh = await openApp(browser, host.url, `/cluster/${jobId}`, 'zh-CN');
    await zh.getByTestId('csr-panel').waitFor({ timeout: 30_000 });
    await expect.poll(() => zh.getByTestId('csr-panel').textContent(), { timeout: 20_000 }).toContain('证书签名请求');
    await zh.screenshot({ path: '/tmp/sfk-cluster-zh.png', fullPage: true });
    await zh.close();
  }, 90_000);
});
