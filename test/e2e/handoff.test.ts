import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Browser, Page } from 'playwright-core';
import { startHost, type RunningHost } from '../support/host';
import { launchChromium, openApp } from '../support/browser';
import { JobStore } from '../../electron/services/jobs/job-store';
import { systemClock } from '../../electron/services/clock';
import { SECRETS, assistedJobInProgress, finishedManualJob } from '../support/handoff-jobs';

/**
 * Chromium → browser host: a finished job's Hand-off card gives the site report as a download (its
 * content checked, and printed to A4 by Chromium without overflowing), says why Save as PDF needs
 * the desktop app, and writes the fleet export; in English and in Chinese. An unfinished job's report
 * is a draft. The manual network step imports the exported ClusterInstance entry back.
 */
describe('hand-off end to end: site report and fleet export', () => {
  let host: RunningHost;
  let browser: Browser;
  let dataDir: string;
  let finishedId: string;
  let draftId: string;
  let networkJobId: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sfk-e2e-handoff-'));
    finishedId = (await finishedManualJob(dataDir)).job.id;
    draftId = (await assistedJobInProgress(dataDir)).job.id;
    // a manual job waiting at its network step (cluster and worker.ign done)
    const store = new JobStore(dataDir, systemClock);
    const job = await store.create('manual', 'worker-9 import');
    const workerIgn = { source: 'file', origin: '/tmp/worker.ign', version: '3.2.0', mergeSources: [], caCount: 0, ca: [], sha512: 'f'.repeat(128), size: 10, loadedAt: new Date().toISOString() };
    await store.update(job.id, { step: 'network', data: { manual: { cluster: { version: '4.18.12', architecture: 'x86_64' }, workerIgn } } });
    networkJobId = job.id;
    host = await startHost({ dataDir });
    browser = await launchChromium();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  async function downloadReport(page: Page): Promise<{ name: string; html: string }> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('handoff-report').click()]);
    const path = await download.path();
    return { name: download.suggestedFilename(), html: readFileSync(path, 'utf8') };
  }

  const cases = [
    {
      lang: 'en',
      locale: 'en-US',
      finished: 'finished',
      heading: 'Certificate signing requests (CSRs)',
      readme: '# Fleet export: node worker-1.sno1.example.com of cluster sno1',
      pdfReason: 'needs the desktop app',
      macError: 'is not a MAC address',
    },
    {
      lang: 'zh-CN',
      locale: 'zh-CN',
      finished: '已完成',
      heading: '证书签名请求 (CSR)',
      readme: '# 集群批量导出：集群 sno1 的节点 worker-1.sno1.example.com',
      pdfReason: '需要桌面应用',
      macError: '不是 MAC 地址',
    },
  ] as const;

  for (const c of cases) {
    describe(c.lang, () => {
      let page: Page;

      it("a finished job shows the Hand-off card; the site report downloads with the job's facts", async () => {
        page = await openApp(browser, host.url, `/jobs/${finishedId}`, c.locale);
        await page.getByTestId('handoff-card').waitFor();
        await expect.poll(() => page.getByTestId('handoff-state').textContent()).toBe(c.finished);
        const { name, html } = await downloadReport(page);
        expect(name).toBe(`site-report-${finishedId}.html`);
        expect(html).toContain(`<html lang="${c.lang}">`);
        expect(html).toContain(c.heading);
        for (const fact of [
          '0b1c5f5e-5a7e-4c1e-9f3e-2b2a1c0d9e8f',
          'https://api.sno1.example.com:6443',
          'worker-1.sno1.example.com',
          '52:54:00:AA:BB:01',
          'csr-abc12',
          'csr-def34',
          `sha256:${'a'.repeat(64)}`,
        ])
          expect(html).toContain(fact);
        for (const secret of Object.values(SECRETS)) expect(html).not.toContain(secret);
        await expect.poll(() => page.getByTestId('handoff-notice').textContent()).toContain(name);
      });

      it('the downloaded report prints to A4 without anything running off the page', async () => {
        const { html } = await downloadReport(page);
        const print = await browser.newPage();
        try {
          await print.setContent(html);
          await print.emulateMedia({ media: 'print' });
          await print.setViewportSize({ width: 718, height: 1000 }); // A4 minus the 12 mm margins, at 96 dpi
          expect(await print.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
          const pdf = await print.pdf({ format: 'A4', printBackground: true });
          expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
          if (c.lang === 'en') await print.screenshot({ path: '/tmp/sfk-handoff-report-en.png', fullPage: true });
        } finally {
          await print.close();
        }
      });

      it('Save as PDF is unavailable in the browser, and says why', async () => {
        expect(await page.getByTestId('handoff-pdf').isDisabled()).toBe(true);
        expect(await page.getByTestId('handoff-pdf-reason').textContent()).toContain(c.pdfReason);
      });

      it('the fleet export form checks its fields, then writes the folder in the job', async () => {
        await page.getByTestId('handoff-export').getByRole('button').first().click();
        await expect.poll(() => page.getByTestId('fleet-nodeName').inputValue()).toBe('worker-1.sno1.example.com');
        await page.getByTestId('fleet-bootMacAddress').fill('52:54:00:AA:BB');
        await expect.poll(() => page.getByTestId('handoff-export').textContent()).toContain(c.macError);
        expect(await page.getByTestId('fleet-export-run').isDisabled()).toBe(true);
        await page.getByTestId('fleet-bootMacAddress').fill('52:54:00:AA:BB:01');
        await page.getByTestId('fleet-bmcAddress').fill('redfish-virtualmedia+https://10.1.1.20/redfish/v1/Systems/1');
        await page.getByTestId('fleet-export-run').click();
        await page.getByTestId('fleet-export-done').waitFor();
        const folder = join(dataDir, 'jobs', finishedId, 'export');
        expect(await page.getByTestId('fleet-export-folder').locator('input').inputValue()).toBe(folder);
        expect(await page.getByTestId('fleet-export-files').textContent()).toContain('ztp/clusterinstance-node.yaml');
        expect(parseYaml(readFileSync(join(folder, 'kustomization.yaml'), 'utf8')).resources).toEqual(['infraenv.yaml', 'nmstateconfig.yaml', 'baremetalhost.yaml']);
        expect(readFileSync(join(folder, 'README.md'), 'utf8')).toContain(c.readme);
        await page.getByTestId('fleet-open-folder').click();
        await expect.poll(() => page.getByTestId('fleet-notice').textContent()).toContain(folder);
        if (c.lang === 'zh-CN') await page.screenshot({ path: '/tmp/sfk-handoff-card-zh-CN.png', fullPage: true });
      });
    });
  }

  it("an unfinished job's card and report say it is a draft", async () => {
    const page = await openApp(browser, host.url, `/jobs/${draftId}`);
    await page.getByTestId('handoff-card').waitFor();
    expect(await page.getByTestId('handoff-card').getAttribute('data-finished')).toBe('false');
    expect(await page.getByTestId('handoff-card').textContent()).toContain('marked as a draft');
    const { name, html } = await downloadReport(page);
    expect(name).toBe(`site-report-${draftId}-draft.html`);
    expect(html).toContain('DRAFT: this job is not finished (in progress)');
    expect(html).toContain('SN-7X21-0042');
  });

  it('the manual network step imports the exported ClusterInstance entry, and points at a wrong field', async () => {
    const entry = readFileSync(join(dataDir, 'jobs', finishedId, 'export', 'ztp', 'clusterinstance-node.yaml'), 'utf8');
    const page = await openApp(browser, host.url, `/jobs/${networkJobId}`, 'zh-CN');
    await page.getByTestId('manual-network-step').waitFor();
    await page.getByTestId('manual-net-import').getByRole('button').first().click();
    await page.getByTestId('manual-net-yaml').fill(entry.replace('macAddress: 52:54:00:AA:BB:01', 'macAddress: 52:54:00:AA:BB'));
    await page.getByTestId('manual-net-yaml-apply').click();
    await expect.poll(() => page.getByTestId('manual-net-import-errors').textContent()).toContain('[0].nodeNetwork.interfaces[0].macAddress');
    expect(await page.getByTestId('manual-net-import-errors').textContent()).toContain('不是 MAC 地址');
    await page.getByTestId('manual-net-yaml').fill(entry);
    await page.getByTestId('manual-net-yaml-apply').click();
    await expect.poll(() => page.getByTestId('manual-net-imported').textContent()).toContain('node worker-1.sno1.example.com');
    expect(await page.getByTestId('manual-hostname').inputValue()).toBe('worker-1.sno1.example.com');
    expect(await page.getByTestId('manual-net-import-errors').count()).toBe(0);
    await page.getByTestId('manual-net-save').click();
    await expect
      .poll(
        () =>
          existsSync(join(dataDir, 'jobs', networkJobId, 'job.json')) &&
          JSON.parse(readFileSync(join(dataDir, 'jobs', networkJobId, 'job.json'), 'utf8')).data.manual.network?.interfaces[0]?.macAddress,
      )
      .toBe('52:54:00:AA:BB:01');
  });
});
