import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startHost, type RunningHost } from '../support/host';
import { launchChromium, openApp } from '../support/browser';
import { coveredBy } from '../support/covered';

/**
 * The node-image path in Chromium against the real browser host in practice mode: the practice
 * cluster (Kubernetes simulator at 4.18) offers the stand-in oc through its ConsoleCLIDownload, the
 * host step is checked against the installer's rules at the fields, oc comes from the cluster, the
 * ISO is made and cached with its 48-hour countdown, and the simulated machine that boots it is
 * monitored and approved until its node is Ready. A second pass checks the zh-CN screens.
 */
describe('node-image path end to end (practice cluster, stand-in oc)', () => {
  let host: RunningHost;
  let browser: Browser;
  let page: Page;
  let jobId: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'sfk-e2e-ni-'));
  const kubeconfig = join(dataDir, 'practice', 'practice-kubeconfig');

  beforeAll(async () => {
    host = await startHost({ dataDir, args: ['--practice'] });
    browser = await launchChromium();
    page = await openApp(browser, host.url, '/jobs', 'en-US');
    page.setDefaultTimeout(20_000);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('offers node-image first for a 4.18 cluster and explains the four paths', { timeout: 60_000 }, async () => {
    await page.locator('#job-title').fill('worker-1 practice');
    await page.getByTestId('job-cluster-version').fill('4.18.12');
    expect(await page.getByTestId('job-kind').inputValue()).toBe('nodeimage');
    await expect.poll(() => page.getByTestId('job-paths-nodeimage').textContent()).toContain('recommended');
    await page.getByTestId('job-cluster-version').fill('4.16.3');
    expect(await page.getByTestId('job-kind').inputValue()).toBe('assisted');
    expect(await page.locator('#job-kind option[value="nodeimage"]').isDisabled()).toBe(true);
    await page.getByTestId('job-cluster-version').fill('4.18.12');
    await page.getByTestId('create-job').click();
    await page.getByTestId('nodeimage-flow').waitFor();
    jobId = /#\/jobs\/([a-z0-9-]+)/.exec(page.url())![1]!;
  });

  it('connects to the practice cluster with its kubeconfig', { timeout: 60_000 }, async () => {
    expect(existsSync(kubeconfig)).toBe(true);
    await page.getByTestId('cluster-kubeconfig-path').fill(kubeconfig);
    await page.getByTestId('cluster-connect-button').click();
    await expect.poll(() => page.getByTestId('nodeimage-cluster-ok').textContent(), { timeout: 30_000 }).toContain('4.18.12');
    await page.getByTestId('nodeimage-cluster-next').click();
    await page.getByTestId('nodeimage-host-step').waitFor();
    // the host form is taller than the window: the footer sticks to its bottom, above the step list
    expect(await coveredBy(page.getByTestId('wizard-back'))).toBeNull();
    expect(await coveredBy(page.getByTestId('ni-save'))).toBeNull();
  });

  it('checks the host against the installer rules at the fields, and the cluster nodes on save', { timeout: 60_000 }, async () => {
    await page.getByTestId('ni-hostname').fill('worker-1.practice.example.com');
    await page.getByTestId('ni-net-static').check();
    await page.getByTestId('ni-net-iface').fill('eno1');
    await page.getByTestId('ni-net-mac').fill('52:54:00:aa:00');
    await page.getByTestId('ni-net-address').fill('192.168.50.10/24');
    await page.getByTestId('ni-net-gateway').fill('192.168.50.1');
    await page.getByTestId('ni-net-dns').fill('192.168.50.1');
    // an incomplete MAC is refused under the MAC field, with the installer's rule in words
    await expect.poll(() => page.locator('[data-testid="ni-net-mac"] >> xpath=ancestor::div[contains(@class,"pf-v6-c-form__group")][1]').textContent()).toContain('is not a MAC address');
    await page.getByTestId('ni-net-mac').fill('52:54:00:aa:00:21');
    // this path needs the MAC: its label does not call it optional
    expect(await page.locator('label[for="ni-net-mac"]').textContent()).toMatch(/^MAC address\s*\*?$/);
    // a by-id name that is not a wwn link cannot be a root device hint
    await page.getByTestId('ni-root-by').selectOption('id');
    await page.getByTestId('ni-root-value').fill('/dev/disk/by-id/nvme-SAMSUNG_MZQL2960HCJR_S64FNE0R123456');
    await expect.poll(() => page.locator('#ni-root-by >> xpath=ancestor::div[contains(@class,"pf-v6-c-form__group")][1]').textContent()).toContain('serial number');
    await page.getByTestId('ni-root-by').selectOption('path');
    await page.getByTestId('ni-root-value').fill('/dev/disk/by-path/pci-0000:03:00.0-scsi-0:2:0:0');
    // Saved as typed: once the job on disk holds the last field, a reload brings every field back.
    const onDisk = () =>
      (JSON.parse(readFileSync(join(dataDir, 'jobs', jobId, 'job.json'), 'utf8')) as { data: { nodeimage?: { rootDevice?: { value?: string } } } }).data.nodeimage?.rootDevice?.value;
    await expect.poll(onDisk, { timeout: 20_000 }).toBe('/dev/disk/by-path/pci-0000:03:00.0-scsi-0:2:0:0');
    await page.reload();
    await page.getByTestId('nodeimage-host-step').waitFor();
    expect(await page.getByTestId('ni-hostname').inputValue()).toBe('worker-1.practice.example.com');
    expect(await page.getByTestId('ni-net-static').isChecked()).toBe(true);
    expect(await page.getByTestId('ni-net-iface').inputValue()).toBe('eno1');
    expect(await page.getByTestId('ni-net-mac').inputValue()).toBe('52:54:00:aa:00:21');
    expect(await page.getByTestId('ni-net-address').inputValue()).toBe('192.168.50.10/24');
    expect(await page.getByTestId('ni-net-gateway').inputValue()).toBe('192.168.50.1');
    expect(await page.getByTestId('ni-root-value').inputValue()).toBe('/dev/disk/by-path/pci-0000:03:00.0-scsi-0:2:0:0');
    // the address belongs to the control-plane node: only the cluster knows, so saving says so
    await page.getByTestId('ni-save').click();
    await expect.poll(() => page.getByTestId('ni-issues').textContent()).toContain('already used by the cluster node sno-0.practice.example.com');
    await page.getByTestId('ni-net-address').fill('192.168.50.21/24');
    await page.getByTestId('ni-save').click();
    await expect.poll(() => page.getByTestId('ni-saved').textContent(), { timeout: 20_000 }).toContain('nodes-config.yaml');
    await page.screenshot({ path: '/tmp/sfk-nodeimage-host-en.png', fullPage: true });
    const saved = readFileSync(join(dataDir, 'jobs', jobId, 'nodeimage', 'nodes-config.yaml'), 'utf8');
    expect(saved).toContain('macAddress: 52:54:00:aa:00:21');
    expect(saved).toContain('deviceName: /dev/disk/by-path/pci-0000:03:00.0-scsi-0:2:0:0');
    await page.getByTestId('ni-host-next').click();
  });

  it('gets oc from the cluster through the cache and checks it against the cluster version', { timeout: 60_000 }, async () => {
    await page.getByTestId('nodeimage-oc-step').waitFor();
    await expect.poll(() => page.getByTestId('ni-oc-link').textContent()).toContain('Download oc for Linux');
    await page.getByTestId('ni-oc-fetch').click();
    await expect.poll(() => page.getByTestId('ni-oc-verdict').getAttribute('data-verdict'), { timeout: 30_000 }).toBe('match');
    expect(await page.getByTestId('ni-oc-verdict').textContent()).toContain('oc 4.18.12 for OpenShift 4.18.12');
    await page.screenshot({ path: '/tmp/sfk-nodeimage-oc-en.png', fullPage: true });
    await page.getByTestId('ni-oc-next').click();
  });

  it('runs oc adm node-image create with progress and hands the cached ISO over with its 48-hour countdown', { timeout: 90_000 }, async () => {
    await page.getByTestId('ni-run').click();
    await expect.poll(() => page.getByTestId('ni-run-progress').getAttribute('data-state'), { timeout: 60_000 }).toBe('succeeded');
    await page.getByTestId('ni-create-next').click();
    await expect.poll(() => page.getByTestId('ni-iso-expiry').textContent()).toMatch(/Token valid for (47:5\d|48:00):\d\d/);
    expect(await page.getByTestId('ni-iso-name').textContent()).toContain(`node-${jobId}.x86_64.iso`);
    await page.getByTestId('ni-iso-usb').locator('button').first().click();
    await page.screenshot({ path: '/tmp/sfk-nodeimage-iso-en.png', fullPage: true });
    await page.getByTestId('ni-iso-next').click();
  });

  it('monitors the booted node like oc adm node-image monitor, approves its CSRs and sees it Ready', { timeout: 120_000 }, async () => {
    await page.getByTestId('nodeimage-join-step').waitFor();
    await expect.poll(() => page.getByTestId('ni-monitor-lines').textContent(), { timeout: 60_000 }).toContain('First CSR Pending approval');
    await expect.poll(() => page.locator('[data-testid^="csr-row-"][data-kind="client"]').getAttribute('data-verdict'), { timeout: 30_000 }).toBe('approve');
    await page.getByTestId('csr-approve-all').click();
    await expect.poll(() => page.locator('[data-testid^="csr-row-"][data-kind="serving"]').getAttribute('data-verdict'), { timeout: 30_000 }).toBe('approve');
    await page.getByTestId('csr-approve-all').click();
    await expect.poll(() => page.getByTestId('ni-monitor-192.168.50.21').getAttribute('data-ready'), { timeout: 60_000 }).toBe('true');
    expect(await page.getByTestId('ni-monitor-lines').textContent()).toContain('Node 192.168.50.21: Node is Ready');
    await page.screenshot({ path: '/tmp/sfk-nodeimage-join-en.png', fullPage: true });
  });

  it('zh-CN: the same job in Chinese, with the glossary terms', { timeout: 60_000 }, async () => {
    const zh = await openApp(browser, host.url, `/jobs/${jobId}`, 'zh-CN');
    await zh.getByTestId('nodeimage-flow').waitFor();
    expect(await zh.getByTestId('nodeimage-step-title').textContent()).toBe('监控并加入');
    expect(await zh.getByTestId('nodeimage-flow').textContent()).toContain('证书签名请求 (CSR)');
    await zh.getByTestId('nodeimage-nav-iso').locator('button').click();
    await expect.poll(() => zh.getByTestId('ni-iso-expiry').textContent()).toContain('令牌还剩');
    await zh.screenshot({ path: '/tmp/sfk-nodeimage-iso-zh.png', fullPage: true });
  });
});
