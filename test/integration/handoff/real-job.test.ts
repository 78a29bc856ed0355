import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { parseAllDocuments } from 'yaml';
import type { Browser } from 'playwright-core';
import { startTestBackend } from '../../support/backend';
import { launchChromium } from '../../support/browser';
import { loadCrd } from '../../support/crd-schema';
import { startKubeApiSimulator, type KubeApiSimulator } from '../../../electron/services/simulators/kube-api-simulator';
import { runPreflight } from '../../../electron/services/cluster/preflight';
import type { Backend } from '../../../electron/app/backend';
import type { ApiClient } from '../../../shared/api/client';
import { AppError } from '../../../shared/api/errors';
import { redact } from '../../../shared/redact';
import { requireKubectl } from '../../support/peers';

/**
 * A job taken to the end by the real services (cluster connection with a kubeconfig, pre-flight, a
 * cached ISO, CSRs approved by auto-approve against the fake API server with a simulated kubelet,
 * node Ready), then handed off: the site report holds what happened, the fleet export builds with the
 * real kubectl 1.20 kustomize and every object it renders passes its CRD, and Save as PDF prints
 * through Chromium (the engine Electron's webContents.printToPDF uses).
 */
const KUBECTL = requireKubectl();
const run = promisify(execFile);

let sim: KubeApiSimulator;
let backend: Backend;
let api: ApiClient;
let browser: Browser;
let jobId: string;
let kubeconfig: string;
let isoSha256: string;

beforeAll(async () => {
  if (!existsSync(KUBECTL)) throw new Error(`kubectl 1.20 missing at ${KUBECTL}: run npm run setup:peers`);
  sim = await startKubeApiSimulator({
    clusterVersion: { version: '4.18.12' },
    infrastructure: { apiServerURL: 'https://api.sno.example.com:6443', platform: 'None' },
    nodes: [{ name: 'sno-0', roles: ['control-plane', 'master', 'worker'], ready: true, addresses: [{ type: 'InternalIP', address: '192.168.50.10' }] }],
  });
  const dir = mkdtempSync(join(tmpdir(), 'sfk-handoff-int-'));
  kubeconfig = join(dir, 'kubeconfig');
  sim.writeKubeconfig(kubeconfig);
  browser = await launchChromium();
  // Chromium prints the HTML exactly as the desktop app's hook does: load it, print it with its print styles.
  const printToPdf = async (html: string) => {
    const page = await browser.newPage();
    try {
      await page.setContent(html);
      return new Uint8Array(await page.pdf({ format: 'A4', printBackground: true }));
    } finally {
      await page.close();
    }
  };
  ({ backend, api } = await startTestBackend({ platform: { shell: 'electron', appVersion: '9.9.9', systemLanguages: () => ['en-US'], openExternal: async () => true, printToPdf } }));
  const job = await api.call('jobs.create', { kind: 'manual', title: 'worker-a site C' });
  jobId = job.id;
  await api.call('cluster.connect', { jobId, kubeconfigPath: kubeconfig });
  const network = {
    interfaces: [
      {
        name: 'ens3',
        type: 'ethernet' as const,
        macAddress: '52:54:00:12:34:56',
        ipv4: { mode: 'static' as const, addresses: [{ ip: '192.168.50.21', prefixLength: 24 }], gateway: '192.168.50.1' },
        ipv6: { mode: 'disabled' as const, addresses: [] },
      },
    ],
    dns: { servers: ['192.168.50.1'], search: [] },
    routes: [],
  };
  await api.call('manual.saveState', { jobId, patch: { hostname: 'worker-a', network, installDevice: '/dev/sda' } });
  await api.call('cluster.setWorker', { jobId, worker: { nodeName: 'worker-a', addresses: ['192.168.50.21'] } });
  await runPreflight(
    { jobId, resources: { threadsPerCore: 2, coresPerSocket: 2, sockets: 1, memoryGiB: 4, diskGB: 120 } },
    { cluster: backend.services.cluster, jobs: backend.services.jobs, clock: backend.services.clock, online: () => false },
  );
  const iso = join(dir, 'rhcos-live.x86_64.iso');
  writeFileSync(iso, 'not really an ISO, but a file with a hash');
  isoSha256 = createHash('sha256').update(readFileSync(iso)).digest('hex');
  await backend.services.artifacts.addLocalFile({ path: iso, kind: 'rhcos-iso', jobId });
  await api.call('csr.autoApprove', { jobId, enabled: true });
  const worker = await sim.simulateJoiningWorker({ nodeName: 'worker-a', address: '192.168.50.21', readyDelayMs: 300 });
  try {
    await vi.waitFor(
      async () => {
        if ((await api.call('jobs.get', { id: jobId })).status !== 'done') throw new Error('the job is not done yet');
      },
      { timeout: 60_000, interval: 500 },
    );
  } finally {
    worker.stop();
  }
}, 120_000);

afterAll(async () => {
  await backend?.dispose();
  await browser?.close();
  await sim?.close();
});

describe('hand-off of a job finished by the real services', () => {
  it('the site report holds the cluster, the artifact, the pre-flight, both CSRs with their checks and the Ready time, and no token', async () => {
    const summary = await api.call('cluster.summary', { jobId });
    const { html, finished } = await api.call('handoff.report', { jobId, lang: 'en' });
    expect(finished).toBe(true);
    expect(html).toContain(summary.clusterId);
    expect(html).toContain('OpenShift version</dt><dd>4.18.12');
    expect(html).toContain(`sha256:${isoSha256}`);
    expect(html).toContain('52:54:00:12:34:56');
    expect(html).toMatch(/Fail<\/span><\/td><td>[^<]*memory/i);
    const approvals = (await api.call('jobs.audit', { id: jobId })).filter((e) => e.action === 'csr.approve');
    expect(approvals).toHaveLength(2);
    for (const a of approvals) expect(html).toContain(String(a.details!.csr));
    expect(html).toContain('✓ For node worker-a, the worker being added');
    expect(html).toMatch(/Node worker-a became Ready with its serving certificate approved on [^<]+\(kubelet v/);
    expect(html).toContain('Pre-flight (Fail)');
    expect(html).not.toContain(sim.token);
    expect(redact(html)).toBe(html);
  });

  it('the fleet export builds with kubectl 1.20 kustomize, and what it renders passes the CRDs', async () => {
    const defaults = await api.call('handoff.fleetDefaults', { jobId });
    expect(defaults).toMatchObject({ nodeName: 'worker-a', bootMacAddress: '52:54:00:12:34:56' });
    const result = await api.call('handoff.exportFleet', { jobId, lang: 'zh-CN', options: { ...defaults, bmcAddress: 'redfish-virtualmedia+https://192.168.50.5/redfish/v1/Systems/1' } });
    expect(result.folder).toBe(join(backend.services.jobs.folder(jobId), 'export'));
    const { stdout } = await run(KUBECTL, ['kustomize', result.folder]);
    const rendered = parseAllDocuments(stdout).map((d) => d.toJS() as { kind: string });
    expect(rendered.map((d) => d.kind).sort()).toEqual(['BareMetalHost', 'InfraEnv', 'NMStateConfig']);
    const crds = {
      InfraEnv: loadCrd(['crds', 'infraenvs-crd.yaml'], 'v1beta1'),
      NMStateConfig: loadCrd(['nmstate', 'nmstateconfig-crd.yaml'], 'v1beta1'),
      BareMetalHost: loadCrd(['crds', 'baremetalhosts-crd.yaml'], 'v1alpha1'),
    };
    for (const doc of rendered) {
      const check = crds[doc.kind as keyof typeof crds].validate(doc);
      expect(check.ok, check.errors).toBe(true);
    }
    expect(readFileSync(join(result.folder, 'README.md'), 'utf8')).toContain('# 集群批量导出：集群 sno 的节点 worker-a');
    expect(stdout).not.toContain(sim.token);
    // exporting again replaces the folder as a whole (no file of the old export is left)
    const again = await api.call('handoff.exportFleet', { jobId, lang: 'en', options: defaults });
    expect(again.files.map((f) => f.path)).not.toContain('baremetalhost.yaml');
    expect(existsSync(join(result.folder, 'baremetalhost.yaml'))).toBe(false);
  });

  it('Save as PDF prints the report with Chromium into the job folder and records it', async () => {
    expect(await api.call('handoff.capabilities')).toEqual({ pdf: true });
    const saved = await api.call('handoff.savePdf', { jobId, lang: 'zh-CN' });
    expect(saved.path).toBe(join(backend.services.jobs.folder(jobId), 'report', 'site-report-zh-CN.pdf'));
    const pdf = readFileSync(saved.path);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBe(saved.size);
    // A4 pages, more than one (the report with its timeline does not fit on one page)
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length).toBeGreaterThan(1);
    expect((await api.call('jobs.audit', { id: jobId })).at(-1)).toMatchObject({ action: 'handoff.pdf' });
  });

  it('a shell without printing says so (the browser host), with a message that says what to do', async () => {
    // A data folder of its own: one program at a time may have a folder (the data-folder lock).
    const plain = await startTestBackend();
    try {
      expect(await plain.api.call('handoff.capabilities')).toEqual({ pdf: false });
      const job = await plain.api.call('jobs.create', { kind: 'manual', title: 'no printer here' });
      const err = await plain.api.call('handoff.savePdf', { jobId: job.id, lang: 'en' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('handoff.pdfUnavailable');
      expect((err as AppError).localized('zh-CN')).toContain('浏览器');
    } finally {
      await plain.backend.dispose();
    }
  });
});
