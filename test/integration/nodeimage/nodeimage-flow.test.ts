import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { startTestBackend } from '../../support/backend';
import { liveIso, standinOcPath } from '../../support/nodeimage';
import { startPracticeCluster, type PracticeCluster } from '../../../electron/practice/practice-cluster';
import type { Backend } from '../../../electron/app/backend';
import type { ApiClient } from '../../../shared/api/client';
import type { RunStatus } from '../../../shared/api/domains/nodeimage';
import { formToModel, emptyForm } from '../../../shared/network/simple-form';
import { AppError } from '../../../shared/api/errors';

/**
 * The node-image job through the contract (memory transport, real services): nodes-config.yaml in
 * the job folder, the cluster's oc from its ConsoleCLIDownload, the run with progress events, the
 * ISO in the cache with its 48-hour expiry, and the monitor with identity-checked CSR approval.
 */
describe('node-image job through the API', () => {
  let root: string;
  let cluster: PracticeCluster;
  let backend: Backend;
  let api: ApiClient;
  let jobId: string;
  let stopWorker: (() => void) | undefined;
  const events: (RunStatus & { jobId: string })[] = [];
  const network = formToModel({ ...emptyForm(), iface: 'eno1', mac: '52:54:00:AA:00:21', mode: 'static', address: '192.168.50.21/24', gateway: '192.168.50.1', dns: '192.168.50.1' });
  const input = { hosts: [{ hostname: 'worker-1.practice.example.com', network, rootDevice: { by: 'path' as const, value: '/dev/disk/by-path/pci-0000:03:00.0-scsi-0:2:0:0' } }] };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'sfk-ni-flow-'));
    cluster = await startPracticeCluster({ dir: root, standinPath: standinOcPath, baseIsoPath: liveIso(root), version: '4.18.12' });
    ({ backend, api } = await startTestBackend({
      dataDir: join(root, 'data'),
      nodeImage: { extraEnv: cluster.ocEnv, laptop: { platform: 'linux', arch: 'x64' }, probe: async (_host, port) => (port === 8090 ? 'up' : 'down') },
    }));
    api.on('nodeimage.progress', (p) => events.push(p));
    jobId = (await api.call('jobs.create', { kind: 'nodeimage', title: 'worker-1' })).id;
    await api.call('cluster.connect', { jobId, kubeconfigPath: cluster.kubeconfig });
  }, 90_000);
  afterAll(async () => {
    stopWorker?.();
    await backend?.dispose();
    await cluster?.close();
  });

  it('preview checks the rules with the cluster nodes: an address a node has is refused at its field', async () => {
    const taken = formToModel({ ...emptyForm(), iface: 'eno1', mac: '52:54:00:AA:00:21', mode: 'static', address: '192.168.50.10/24', gateway: '192.168.50.1', dns: '192.168.50.1' });
    const preview = await api.call('nodeimage.preview', { jobId, input: { hosts: [{ ...input.hosts[0]!, network: taken }] } });
    expect(preview.issues).toContainEqual(expect.objectContaining({ key: 'nodeimage.issues.addressInUse', params: { address: '192.168.50.10', node: 'sno-0.practice.example.com' } }));
    await expect(api.call('nodeimage.writeConfig', { jobId, input: { hosts: [{ ...input.hosts[0]!, network: taken }] } })).rejects.toMatchObject({ code: 'nodeimage.configInvalid' });
  });

  it('writes nodes-config.yaml into the job folder and tells the CSR checks which node to expect', async () => {
    const written = await api.call('nodeimage.writeConfig', { jobId, input });
    expect(written.path).toBe(join(backend.services.jobs.folder(jobId), 'nodeimage', 'nodes-config.yaml'));
    const doc = parse(readFileSync(written.path, 'utf8'));
    expect(doc.hosts[0]).toMatchObject({ hostname: 'worker-1.practice.example.com', interfaces: [{ name: 'eno1', macAddress: '52:54:00:aa:00:21' }] });
    expect(existsSync(join(backend.services.jobs.folder(jobId), 'nodeimage', 'network-config.yaml'))).toBe(true);
    expect(written.commands.monitor).toContain('--ip-addresses 192.168.50.21');
    const job = await api.call('jobs.get', { id: jobId });
    expect((job.data.cluster as { worker: { nodeName: string; addresses: string[] } }).worker).toMatchObject({ nodeName: 'worker-1.practice.example.com', addresses: ['192.168.50.21'] });
  });

  it('refuses to run before an oc is there, then fetches the cluster oc and checks its version', async () => {
    await expect(api.call('nodeimage.create', { jobId })).rejects.toMatchObject({ code: 'nodeimage.ocMissing' });
    const found = await api.call('nodeimage.findOc', { jobId });
    expect(found.choice!.href).toBe(`${cluster.downloads.url}/amd64/linux/oc.tar`);
    const oc = await api.call('nodeimage.fetchOc', { jobId });
    expect(oc).toMatchObject({ source: 'cluster', version: '4.18.12', verdict: 'match', usable: true });
  }, 60_000);

  it('runs oc adm node-image create: progress events, the ISO into the cache with a 48-hour expiry', async () => {
    const started = await api.call('nodeimage.create', { jobId });
    expect(started.state).toBe('running');
    await expect.poll(() => events.find((e) => e.state !== 'running')?.state, { timeout: 30_000 }).toBe('succeeded');
    expect(events.some((e) => e.phase === 'baseIso')).toBe(true);
    const job = await api.call('jobs.get', { id: jobId });
    const state = job.data.nodeimage as { iso: { artifactId: string; createdAt: string; expiresAt: string; path: string }; lastRun: { state: string } };
    expect(state.lastRun.state).toBe('succeeded');
    expect(Date.parse(state.iso.expiresAt) - Date.parse(state.iso.createdAt)).toBe(48 * 3600_000);
    const cached = await backend.services.artifacts.get(state.iso.artifactId);
    expect(cached).toMatchObject({ kind: 'node-iso', jobs: [jobId], path: state.iso.path });
    // moved out of --dir into the cache, and offered to the USB writer
    expect(existsSync(join(backend.services.jobs.folder(jobId), 'nodeimage', 'node.x86_64.iso'))).toBe(false);
    const { images } = await api.call('usb.listImages', undefined);
    expect(images.map((i) => i.path)).toContain(state.iso.path);
    const audit = await api.call('jobs.audit', { id: jobId });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['nodeimage.config', 'nodeimage.oc', 'nodeimage.create', 'nodeimage.iso', 'nodeimage.result']));
  }, 60_000);

  it('a second run while one is running is refused', async () => {
    await backend.services.nodeimage.saveState(jobId, {});
    const again = api.call('nodeimage.create', { jobId });
    await expect(Promise.all([again, api.call('nodeimage.create', { jobId })])).rejects.toMatchObject({ code: 'nodeimage.alreadyRunning' });
    await expect.poll(async () => (await api.call('nodeimage.status', { jobId }))?.state, { timeout: 30_000 }).toBe('succeeded');
  }, 60_000);

  it('monitors like oc adm node-image monitor and goes further: the identity-checked CSRs are approved, the node turns Ready', async () => {
    stopWorker = (await cluster.kube.simulateJoiningWorker({ nodeName: 'worker-1.practice.example.com', address: '192.168.50.21', readyDelayMs: 300 })).stop;
    await expect.poll(async () => (await api.call('nodeimage.monitor', { jobId })).pendingCsrs.map((c) => c.kind), { timeout: 30_000 }).toEqual(['first']);
    const first = await api.call('nodeimage.monitor', { jobId });
    expect(first.nodes[0]!.lines).toEqual(expect.arrayContaining(['Node 192.168.50.21: Assisted Service API is available', 'Node 192.168.50.21: First CSR Pending approval']));
    expect(
      first.nodes[0]!.lines.some((l) =>
        /CSR csr-\w+ with signerName kubernetes\.io\/kube-apiserver-client-kubelet and username system:serviceaccount:openshift-machine-config-operator:node-bootstrapper is Pending/.test(l),
      ),
    ).toBe(true);
    await api.call('csr.approveAllValid', { jobId });
    await expect.poll(async () => (await api.call('nodeimage.monitor', { jobId })).pendingCsrs.map((c) => c.kind), { timeout: 30_000 }).toEqual(['second']);
    await api.call('csr.approveAllValid', { jobId });
    await expect.poll(async () => (await api.call('nodeimage.monitor', { jobId })).nodes[0]!.ready, { timeout: 30_000 }).toBe(true);
    const last = await api.call('nodeimage.monitor', { jobId });
    expect(last.nodes[0]).toMatchObject({ joined: true, nodeName: 'worker-1.practice.example.com' });
    expect(last.nodes[0]!.lines).toContain('Node 192.168.50.21: Node is Ready');
  }, 90_000);

  it('a cluster older than 4.17 is refused with the reason before anything runs', async () => {
    const old = await startPracticeCluster({ dir: join(root, 'old'), standinPath: standinOcPath, baseIsoPath: join(root, 'live.x86_64.iso'), version: '4.16.9' });
    try {
      const other = (await api.call('jobs.create', { kind: 'nodeimage', title: 'old' })).id;
      await api.call('cluster.connect', { jobId: other, kubeconfigPath: old.kubeconfig });
      const err = await api.call('nodeimage.fetchOc', { jobId: other }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'nodeimage.clusterTooOld', params: { version: '4.16.9' } });
      expect(AppError.fromWire(err as never).localized('zh-CN')).toContain('4.16.9');
    } finally {
      await old.close();
    }
  });
});
