import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startPracticeEnvironment, type PracticeEnvironment } from '../../../electron/host/practice';
import type { ApiClient } from '../../../shared/api/client';
import type { Backend } from '../../../electron/app/backend';
import type { GenerateInput } from '../../../shared/api/domains/manual';
import type { CsrRow } from '../../../shared/api/domains/cluster';
import { AppError } from '../../../shared/api/errors';
import { startTestBackend } from '../../support/backend';
import { freePort } from '../../support/ports';
import { requirePeer } from '../../support/peers';
import { until } from '../../support/wait';

const root = resolve(import.meta.dirname, '..', '..', '..');
const NODE = 'worker-1.sno.practice.example.com';
const NODE_IP = '192.168.50.21';

/**
 * Practice mode's cluster end to end: the practice environment as the app starts it, a backend
 * wired to it as main.ts / serve.ts do, the manual path's real Ignition server, and the practice
 * machine fetching its config from it over loopback before its kubelet asks for certificates.
 */
describe('practice cluster (practice mode)', () => {
  let env: PracticeEnvironment;
  let backend: Backend;
  let api: ApiClient;
  let jobId: string;
  const savedKubeconfig = process.env.KUBECONFIG;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sfk-practice-cluster-'));
    env = await startPracticeEnvironment(undefined, {
      dir: join(dir, 'practice'),
      standinPath: join(root, 'electron', 'practice', 'oc-standin.mjs'),
      baseIsoXzPath: join(root, 'resources', 'practice', 'live.x86_64.iso.xz'),
    });
    if (!env.cluster || !env.nodeImage) throw new Error('practice mode started without its cluster');
    ({ backend, api } = await startTestBackend({ dataDir: join(dir, 'data'), practiceMode: true, practiceCluster: env.cluster, nodeImage: env.nodeImage.serviceOptions }));
    jobId = (await api.call('jobs.create', { kind: 'manual', title: 'practice worker' })).id;
  });
  afterAll(async () => {
    await backend?.dispose();
    await env?.close();
    if (savedKubeconfig === undefined) delete process.env.KUBECONFIG;
    else process.env.KUBECONFIG = savedKubeconfig;
  });

  it('"Use the practice cluster" connects the job with the practice kubeconfig (127.0.0.1 only) at the version picked', async () => {
    const old = await api.call('cluster.usePractice', { jobId, version: '4.14' });
    expect(old).toMatchObject({ version: '4.14.45', versionSupported: true, apiHost: 'api.sno.practice.example.com' });
    const summary = await api.call('cluster.usePractice', { jobId, version: '4.18' });
    expect(summary).toMatchObject({ version: '4.18.12', contextName: 'practice', insecure: false });
    expect(new URL(summary.server).hostname).toBe('127.0.0.1');
    expect(summary.nodes.map((n) => n.name)).toEqual(['sno-0.practice.example.com']);
    const bootImages = await backend.services.cluster.accessFor(jobId).then((k) => k.getConfigMap('openshift-machine-config-operator', 'coreos-bootimages'));
    expect(bootImages.releaseVersion).toBe('4.18.12');
    expect(JSON.parse(bootImages.stream!).architectures.x86_64.artifacts.metal.release).toMatch(/^418\./);
  });

  it('pre-flight passes against the practice cluster without leaving this computer', async () => {
    const result = await api.call('cluster.preflight', { jobId, workerIp: NODE_IP });
    const byId = Object.fromEntries(result.checks.map((c) => [c.id, c.status]));
    expect(byId).toMatchObject({ version: 'pass', 'dns-api': 'pass', 'dns-api-int': 'pass', 'dns-apps': 'pass', 'tcp-api': 'pass', 'tcp-mcs': 'pass', 'tcp-https': 'pass' });
  });

  it('worker.ign "Read from the cluster" gets the spec-3 pointer config with the practice CA, and ignition-validate accepts it', async () => {
    const info = await api.call('manual.loadWorkerIgn', { jobId, from: 'cluster' });
    expect(info).toMatchObject({ source: 'cluster', origin: 'openshift-machine-api/worker-user-data-managed', version: '3.2.0', mergeHost: 'api-int.sno.practice.example.com', caCount: 1 });
    expect(info.ca[0]?.subject ?? JSON.stringify(info.ca)).toContain('sno-field-kit-simulator-ca');
    const validate = spawnSync(requirePeer('ignition-validate', 'ignition'), [join(backend.services.manual.folder(jobId), 'worker.ign')], { encoding: 'utf8' });
    expect(validate.stderr + validate.stdout).toBe('');
    expect(validate.status).toBe(0);
  });

  it('the practice machine fetches its Ignition from our server, then its kubelet joins: client CSR → serving CSR → Ready; the other two are rejected', { timeout: 90_000 }, async () => {
    await api.call('cluster.setWorker', { jobId, worker: { nodeName: NODE, addresses: [NODE_IP] } });
    await api.call('manual.generate', { jobId, input: generateInput(await freePort()) });
    await api.call('manual.serverStart', { jobId });
    const rows = async () => (await api.call('csr.list', { jobId })).rows;
    const row = (list: CsrRow[], kind: CsrRow['kind'], nodeName?: string) => list.find((r) => r.kind === kind && (nodeName === undefined || r.nodeName === nodeName));

    // Booting: the node config and the worker.ign it merges, both fetched over HTTP from our server.
    const first = await until(
      async () => {
        const list = await rows();
        return list.length >= 2 && list;
      },
      'the kubelet posts its client CSR after the machine fetched its Ignition',
      { timeout: 30_000 },
    );
    const fetched = (await api.call('manual.serverStatus', { jobId })).log.filter((a) => a.status === 200).map((a) => `${a.remote} ${a.path}`);
    expect(fetched).toEqual(expect.arrayContaining(['127.0.0.1 /new-worker.ign', '127.0.0.1 /worker.ign']));

    const client = row(first, 'client', NODE);
    expect(client?.verdict).toBe('approve');
    const malformed = first.find((r) => r !== client);
    expect(malformed).toMatchObject({ kind: 'client', verdict: 'reject', request: { ok: false } });
    const refused = await api.call('csr.approve', { jobId, names: [malformed!.name] });
    expect(refused[0]).toMatchObject({ ok: false, error: { code: 'cluster.csrNotApprovable' } });

    expect(await api.call('csr.approve', { jobId, names: [client!.name] })).toEqual([{ name: client!.name, ok: true }]);
    const second = await until(
      async () => {
        const list = await rows();
        return list.filter((r) => r.kind === 'serving').length >= 2 && list;
      },
      'the registered node posts its serving CSR (and one for another node)',
      { timeout: 30_000 },
    );
    const serving = second.find((r) => r.kind === 'serving' && r.verdict === 'approve');
    expect(serving?.request).toMatchObject({ ok: true, commonName: `system:node:${NODE}`, dnsNames: [NODE], ipAddresses: [NODE_IP] });
    const impersonating = second.find((r) => r.kind === 'serving' && r !== serving);
    expect(impersonating).toMatchObject({ verdict: 'reject', requestor: `system:node:${NODE}`, request: { commonName: 'system:node:sno-0.practice.example.com' } });
    expect((await api.call('cluster.joinStatus', { jobId })).nodeRegistered).toBe(true);

    expect(await api.call('csr.approve', { jobId, names: [serving!.name] })).toEqual([{ name: serving!.name, ok: true }]);
    const ready = await until(
      async () => {
        const s = await api.call('cluster.joinStatus', { jobId });
        return s.nodeReady && s;
      },
      'the node turns Ready',
      { timeout: 30_000 },
    );
    expect(ready).toMatchObject({ clientApproved: true, servingApproved: true, nodeReady: true, node: { name: NODE, status: 'Ready', version: 'v1.31.6' } });
    // Nothing else was approved: the two bad requests are still pending.
    const after = await rows();
    expect(
      after
        .filter((r) => r.condition === 'Pending')
        .map((r) => r.name)
        .sort(),
    ).toEqual([malformed!.name, impersonating!.name].sort());
  });

  it('refuses "Use the practice cluster" outside practice mode', async () => {
    const plain = await startTestBackend();
    try {
      const job = await plain.api.call('jobs.create', { kind: 'manual', title: 'real' });
      const err = await plain.api.call('cluster.usePractice', { jobId: job.id, version: '4.18' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('cluster.practiceUnavailable');
      expect((err as AppError).localized('zh-CN')).toContain('练习集群');
    } finally {
      await plain.backend.dispose();
    }
  });
});

function generateInput(port: number): GenerateInput {
  return {
    hostname: NODE,
    network: {
      interfaces: [
        {
          name: 'ens3',
          type: 'ethernet',
          macAddress: '52:54:00:aa:bb:21',
          ipv4: { mode: 'static', addresses: [{ ip: NODE_IP, prefixLength: 24 }], gateway: '192.168.50.1' },
          ipv6: { mode: 'disabled', addresses: [] },
        },
      ],
      dns: { servers: ['192.168.50.1'], search: [] },
      routes: [],
    },
    delivery: 'served',
    server: { host: '127.0.0.1', port },
    installDevice: '/dev/disk/by-id/nvme-practice',
    appendKargs: [],
    nmcliStyle: 'add',
  };
}
