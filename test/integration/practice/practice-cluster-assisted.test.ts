import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPracticeCluster, type PracticeCluster } from '../../../electron/practice/practice-cluster';
import { startClusterPractice, type ClusterPractice } from '../../../electron/practice/cluster-practice';
import type { Backend } from '../../../electron/app/backend';
import type { ApiClient } from '../../../shared/api/client';
import { startTestBackend } from '../../support/backend';
import { liveIso, standinOcPath } from '../../support/nodeimage';
import { until } from '../../support/wait';
import { sshPublicKey, startWorld, type AssistedWorld } from '../assisted/fixture';

/**
 * The Assisted path in practice: when the day-2 simulator's host has been added to the cluster
 * (it rebooted from disk), its kubelet joins the practice cluster, and the job's CSR checks see
 * the name and address the technician gave the host.
 */
describe('practice cluster on the Assisted path', () => {
  let world: AssistedWorld;
  let cluster: PracticeCluster;
  let practice: ClusterPractice;
  let backend: Backend;
  let api: ApiClient;

  beforeAll(async () => {
    world = await startWorld();
    const dir = mkdtempSync(join(tmpdir(), 'sfk-practice-assisted-'));
    cluster = await startPracticeCluster({ dir, standinPath: standinOcPath, baseIsoPath: liveIso(dir) });
    practice = await startClusterPractice(cluster, { assistedHostStatus: (id) => world.assisted.day2.hostStatus(id), pollMs: 100, readyAfterMs: 50 });
    ({ backend, api } = await startTestBackend({
      practiceMode: true,
      practiceCluster: practice,
      settingsOverrides: { apiUrl: world.assisted.url, ssoUrl: world.sso.tokenUrl, cacheDir: join(world.dir, 'cache') },
    }));
    await api.call('credentials.saveOfflineToken', { token: world.offlineToken });
  }, 60_000);
  afterAll(async () => {
    await backend?.dispose();
    await practice?.close();
    await cluster?.close();
    await world?.close();
  });

  it('a host added by the Assisted Installer starts a kubelet whose CSRs the checklist approves for that host only', { timeout: 90_000 }, async () => {
    const sim = world.assisted.day2;
    const job = await api.call('jobs.create', { kind: 'assisted', title: 'practice worker (Assisted)' });
    const summary = await api.call('cluster.usePractice', { jobId: job.id, version: '4.16' });
    await api.call('assisted.setCluster', { id: job.id, openshiftClusterId: summary.clusterId, apiHost: summary.apiHost, version: summary.version });
    await api.call('assisted.prepareCluster', { id: job.id });
    await api.call('assisted.saveInfraEnv', { id: job.id, pullSecretPath: world.pullSecretPath, sshPublicKey, imageType: 'full-iso' });
    await api.call('assisted.downloadIso', { id: job.id });
    const hostId = sim.bootHost({ hostname: 'localhost', ntpFailTicks: 0 });
    sim.tick();
    await api.call('assisted.refresh', { id: job.id });
    await api.call('assisted.setHostname', { id: job.id, hostId, name: 'worker-0' });
    sim.tick();
    await api.call('assisted.refresh', { id: job.id });
    await api.call('assisted.install', { id: job.id, hostId });
    // Installing: nothing joins the cluster before the host has rebooted from disk.
    sim.tick();
    await api.call('assisted.refresh', { id: job.id });
    expect((await api.call('csr.list', { jobId: job.id })).rows).toEqual([]);
    for (let i = 0; i < 6 && sim.hostStatus(hostId) !== 'added-to-existing-cluster'; i += 1) sim.tick();
    expect(sim.hostStatus(hostId)).toBe('added-to-existing-cluster');

    const list = await until(async () => {
      const l = await api.call('csr.list', { jobId: job.id });
      return l.rows.length >= 2 && l;
    }, 'the added host’s kubelet posts its client CSR');
    expect(list.expected?.nodeName).toBe('worker-0');
    expect(list.rows.find((r) => r.verdict === 'approve')).toMatchObject({ kind: 'client', nodeName: 'worker-0' });
    expect(list.rows.find((r) => r.verdict !== 'approve')).toMatchObject({ verdict: 'reject' });

    // The whole join through the checklist, as the panel's "Approve all valid" does it.
    await api.call('csr.approveAllValid', { jobId: job.id });
    await until(async () => (await api.call('csr.list', { jobId: job.id })).plan.length > 0, 'the serving CSR arrives once the node registered');
    await api.call('csr.approveAllValid', { jobId: job.id });
    const ready = await until(async () => {
      const s = await api.call('cluster.joinStatus', { jobId: job.id });
      return s.nodeReady && s;
    }, 'worker-0 turns Ready');
    expect(ready).toMatchObject({ complete: true, node: { name: 'worker-0', version: 'v1.29.10+67d3387', addresses: expect.arrayContaining([{ type: 'InternalIP', address: '192.168.122.51' }]) } });
    const rejected = (await api.call('csr.list', { jobId: job.id })).rows.filter((r) => r.verdict === 'reject');
    expect(rejected).toHaveLength(2);
    expect(rejected.every((r) => r.condition === 'Pending')).toBe(true);
  });
});
