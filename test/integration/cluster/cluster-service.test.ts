import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:net';
import { startTestBackend } from '../../support/backend';
import { startKubeApiSimulator, type KubeApiSimulator } from '../../../electron/services/simulators/kube-api-simulator';
import { kubeletCsrObject } from '../../../electron/services/simulators/kubelet-csr';
import { runPreflight } from '../../../electron/services/cluster/preflight';
import { startDnsSimulator } from '../../../electron/services/simulators/dns-simulator';
import type { Backend } from '../../../electron/app/backend';
import type { AppError } from '../../../shared/api/errors';

let sim: KubeApiSimulator;
let kubeconfig: string;
let backend: Backend | undefined;

beforeAll(async () => {
  sim = await startKubeApiSimulator({
    clusterVersion: { version: '4.18.12' },
    nodes: [{ name: 'sno-0', roles: ['control-plane', 'master', 'worker'], ready: true, addresses: [{ type: 'InternalIP', address: '192.168.50.10' }] }],
  });
  kubeconfig = join(mkdtempSync(join(tmpdir(), 'sfk-cs-')), 'kubeconfig');
  sim.writeKubeconfig(kubeconfig);
});
afterAll(() => sim?.close());
afterEach(async () => {
  await backend?.dispose();
  backend = undefined;
});

async function setup(title = 'worker') {
  const started = await startTestBackend();
  backend = started.backend;
  const job = await started.api.call('jobs.create', { kind: 'manual', title });
  return { ...started, job };
}

describe('cluster service over the API', () => {
  it('connects, saves job.data.cluster and summarises the cluster', async () => {
    const { api, job } = await setup();
    const summary = await api.call('cluster.connect', { jobId: job.id, kubeconfigPath: kubeconfig });
    expect(summary).toMatchObject({ version: '4.18.12', versionSupported: true, workerCount: 0, tooManyWorkers: false, contextName: 'admin', insecure: false });
    expect(summary.nodes[0]).toMatchObject({ name: 'sno-0', status: 'Ready', roles: ['control-plane', 'master', 'worker'] });
    const saved = (await api.call('jobs.get', { id: job.id })).data.cluster as Record<string, unknown>;
    expect(saved).toMatchObject({ source: 'kubeconfig', kubeconfigPath: kubeconfig, clusterId: summary.clusterId, apiHost: summary.apiHost, version: '4.18.12' });
    expect(JSON.stringify(saved)).not.toContain(sim.token);
    const audit = await api.call('jobs.audit', { id: job.id });
    expect(audit.map((a) => a.action)).toContain('cluster.connect');
  });

  it('refuses a manual entry older than 4.11 and approving without an expected node', async () => {
    const { api, job } = await setup();
    const err = await api.call('cluster.saveManual', { jobId: job.id, clusterId: '0b1c5f5e-5a7e-4c1e-9f3e-2b2a1c0d9e8f', apiHost: 'api.sno.example.com', version: '4.10.3' }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('cluster.versionTooOld');
    expect((err as AppError).localized('zh-CN')).toContain('4.10.3');
    await api.call('cluster.connect', { jobId: job.id, kubeconfigPath: kubeconfig });
    const err2 = await api.call('csr.approveAllValid', { jobId: job.id }).catch((e: unknown) => e);
    expect((err2 as AppError).code).toBe('cluster.noExpectedNode');
  });

  it('manual approval: only valid CSRs of this worker, client first, with audit entries', async () => {
    const { api, job } = await setup();
    await api.call('cluster.connect', { jobId: job.id, kubeconfigPath: kubeconfig });
    await api.call('cluster.setWorker', { jobId: job.id, worker: { nodeName: 'worker-m', addresses: ['192.168.50.0/24'] } });
    const ours = sim.addCsr(await kubeletCsrObject('client', 'worker-m'));
    const theirs = sim.addCsr(await kubeletCsrObject('client', 'worker-x'));
    const list = await api.call('csr.list', { jobId: job.id });
    expect(list.plan).toEqual([ours.metadata.name]);
    expect(list.rows.find((r) => r.name === theirs.metadata.name)?.verdict).toBe('ignore');
    // asking for the other node's CSR by name is refused with the reason
    const refused = await api.call('csr.approve', { jobId: job.id, names: [theirs.metadata.name] });
    expect(refused[0]).toMatchObject({ ok: false, error: { code: 'cluster.csrNotApprovable' } });
    const results = await api.call('csr.approveAllValid', { jobId: job.id });
    expect(results).toEqual([{ name: ours.metadata.name, ok: true }]);
    expect(sim.getCsr(ours.metadata.name)!.status.conditions[0]).toMatchObject({ type: 'Approved', reason: 'SnoFieldKitApprove' });
    expect(sim.getCsr(theirs.metadata.name)!.status.conditions ?? []).toEqual([]);
    const audit = await api.call('jobs.audit', { id: job.id });
    const entry = audit.find((a) => a.action === 'csr.approve')!;
    expect(entry.summary).toContain(ours.metadata.name);
    expect(entry.details).toMatchObject({ csr: ours.metadata.name, kind: 'client', subject: 'O=system:nodes, CN=system:node:worker-m', mode: 'manual' });
  });

  it('auto-approve: client, then serving once the Node registers, then Ready completes the job', async () => {
    const { api, job, backend: b } = await setup();
    await api.call('cluster.connect', { jobId: job.id, kubeconfigPath: kubeconfig });
    await api.call('cluster.setWorker', { jobId: job.id, worker: { nodeName: 'worker-a', addresses: ['192.168.50.21'] } });
    const joinEvents: string[] = [];
    api.on('cluster.joinStatus', (s) => joinEvents.push(`${s.nodeRegistered}/${s.servingApproved}/${s.nodeReady}`));
    const state = await api.call('csr.autoApprove', { jobId: job.id, enabled: true });
    expect(state.running).toBe(true);
    const worker = await sim.simulateJoiningWorker({ nodeName: 'worker-a', address: '192.168.50.21', readyDelayMs: 300 });
    try {
      await expect.poll(async () => (await api.call('jobs.get', { id: job.id })).status, { timeout: 60_000, interval: 500 }).toBe('done');
    } finally {
      worker.stop();
    }
    const audit = await api.call('jobs.audit', { id: job.id });
    const approvals = audit.filter((a) => a.action === 'csr.approve');
    expect(approvals.map((a) => (a.details as { kind: string }).kind)).toEqual(['client', 'serving']);
    expect(approvals.every((a) => a.actor === 'auto')).toBe(true);
    expect(audit.map((a) => a.action)).toContain('cluster.nodeReady');
    const status = await api.call('cluster.joinStatus', { jobId: job.id });
    expect(status).toMatchObject({ nodeReady: true, servingApproved: true, complete: true });
    expect(joinEvents.at(-1)).toBe('true/true/true');
    const auto = await api.call('csr.autoApproveState', { jobId: job.id });
    expect(auto.running).toBe(false);
    void b;
  }, 90_000);

  it('never approves a serving CSR whose IP is outside the planned addresses, even in auto mode', async () => {
    const { api, job } = await setup();
    await api.call('cluster.connect', { jobId: job.id, kubeconfigPath: kubeconfig });
    await api.call('cluster.setWorker', { jobId: job.id, worker: { nodeName: 'worker-b', addresses: ['10.0.0.0/8'] } });
    await api.call('csr.autoApprove', { jobId: job.id, enabled: true });
    const worker = await sim.simulateJoiningWorker({ nodeName: 'worker-b', address: '192.168.50.22' });
    try {
      await expect
        .poll(async () => (await api.call('csr.list', { jobId: job.id })).rows.find((r) => r.kind === 'serving' && r.nodeName === 'worker-b')?.verdict, { timeout: 60_000, interval: 500 })
        .toBe('reject');
      const list = await api.call('csr.list', { jobId: job.id });
      const serving = list.rows.find((r) => r.kind === 'serving' && r.nodeName === 'worker-b')!;
      expect(serving.decidedBy).toMatchObject({ id: 'ipExpected' });
      expect(serving.condition).toBe('Pending');
      expect(list.rows.find((r) => r.kind === 'client' && r.nodeName === 'worker-b')?.condition).toMatch(/^Approved/);
    } finally {
      worker.stop();
      await api.call('csr.autoApprove', { jobId: job.id, enabled: false });
    }
  }, 90_000);
});

describe('pre-flight', () => {
  let servers: Server[] = [];
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    servers = [];
    await Promise.all(closers.splice(0).map((c) => c()));
  });

  it('reports DNS with addresses, TCP reachability, clock skew and resources', async () => {
    const { job, backend: b } = await setup();
    await b.services.cluster.connect({ jobId: job.id, kubeconfigPath: kubeconfig });
    const listen = async () => {
      const s = createServer((c) => c.end());
      await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
      servers.push(s);
      return (s.address() as { port: number }).port;
    };
    const open = await listen();
    const closedServer = createServer();
    await new Promise<void>((r) => closedServer.listen(0, '127.0.0.1', r));
    const closed = (closedServer.address() as { port: number }).port;
    await new Promise((r) => closedServer.close(r));
    const dnsSim = await startDnsSimulator({ 'api.sno.example.com': ['127.0.0.1'], 'api-int.sno.example.com': ['127.0.0.1', 'fd00::10'], '*.apps.sno.example.com': ['127.0.0.1'] });
    closers.push(() => dnsSim.close());
    const lookup = dnsSim.server;
    const result = await runPreflight(
      { jobId: job.id, clusterDomain: 'sno.example.com', workerIp: '127.0.0.1', resources: { threadsPerCore: 2, coresPerSocket: 1, sockets: 1, memoryGiB: 4, diskGB: 120 } },
      { cluster: b.services.cluster, jobs: b.services.jobs, clock: b.services.clock, dnsServer: lookup, online: () => true, ports: { api: open, mcs: closed, https: open, http: open } },
    );
    const by = (id: string) => result.checks.find((c) => c.id === id)!;
    expect(by('dns-api')).toMatchObject({ status: 'warn', key: 'dnsWorkerIp', params: { addresses: '127.0.0.1' } });
    expect(by('dns-api-int')).toMatchObject({ status: 'warn', params: { addresses: '127.0.0.1, fd00::10' } });
    expect(by('dns-apps')).toMatchObject({ status: 'warn', params: { addresses: '127.0.0.1' } });
    expect(String(by('dns-apps').params.name)).toMatch(/^sfk-check-[0-9a-f]+\.apps\.sno\.example\.com$/);
    const unknown = await runPreflight(
      { jobId: job.id, clusterDomain: 'nowhere.example.com' },
      { cluster: b.services.cluster, jobs: b.services.jobs, clock: b.services.clock, dnsServer: lookup, online: () => true, ports: { api: open, mcs: open, https: open, http: open } },
    );
    expect(unknown.checks.find((c) => c.id === 'dns-api')).toMatchObject({ status: 'fail', key: 'dnsMissing', fixKey: 'dnsApi' });
    expect(unknown.checks.find((c) => c.id === 'dns-api-int')?.status).toBe('warn');
    expect(by('tcp-api').status).toBe('pass');
    expect(by('tcp-mcs')).toMatchObject({ status: 'fail', fixKey: 'tcpMcs', params: { code: 'ECONNREFUSED' } });
    expect(by('clock').status).toBe('pass');
    expect(by('res-vcpu')).toMatchObject({ status: 'pass', params: { value: 2 } });
    expect(by('res-memory')).toMatchObject({ status: 'fail', params: { value: 4, minimum: 8 } });
    expect(by('version').status).toBe('pass');

    const offline = await runPreflight(
      { jobId: job.id, clusterDomain: 'sno.example.com' },
      { cluster: b.services.cluster, jobs: b.services.jobs, clock: b.services.clock, dnsServer: lookup, online: () => false },
    );
    expect(offline.online).toBe(false);
    expect(offline.checks.filter((c) => c.group === 'dns' || c.group === 'tcp' || c.group === 'clock').every((c) => c.status === 'offline')).toBe(true);
  }, 60_000);
});
