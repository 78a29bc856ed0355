import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../../shared/api/errors';
import type { Backend } from '../../../electron/app/backend';
import type { ApiClient } from '../../../shared/api/client';
import { startKubeApiSimulator, type KubeApiSimulator } from '../../../electron/services/simulators/kube-api-simulator';
import { openshiftClusterId, sshPublicKey, startBackendFor, startWorld, type AssistedWorld } from './fixture';

let world: AssistedWorld;
let kube: KubeApiSimulator;
let backend: Backend;
let api: ApiClient;

beforeAll(async () => {
  world = await startWorld();
  kube = await startKubeApiSimulator({
    clusterVersion: { clusterId: openshiftClusterId, version: '4.16.3' },
    infrastructure: { apiServerURL: 'https://api.sno.example.com:6443', platform: 'None' },
    nodes: [{ name: 'sno-0.example.com', roles: ['control-plane', 'master', 'worker'], ready: true }],
  });
  ({ backend, api } = await startBackendFor(world));
}, 60_000);
afterAll(async () => {
  await backend?.dispose();
  await kube?.close();
  await world?.close();
});

describe('with the cluster connected through a kubeconfig', () => {
  it('refuses a host name that an existing node already has, and tells the CSR checks the chosen name and IP', async () => {
    const sim = world.assisted.day2;
    const kubeconfig = join(world.dir, 'kubeconfig');
    kube.writeKubeconfig(kubeconfig);
    const job = await api.call('jobs.create', { kind: 'assisted', title: 'with kubeconfig' });
    const summary = await api.call('cluster.connect', { jobId: job.id, kubeconfigPath: kubeconfig });
    expect(summary).toMatchObject({ clusterId: openshiftClusterId });
    // The cluster step's values feed the assisted step
    await api.call('assisted.setCluster', { id: job.id, openshiftClusterId, apiHost: summary.apiHost, version: summary.version, source: 'kubeconfig' });
    await api.call('assisted.prepareCluster', { id: job.id });
    await api.call('assisted.saveInfraEnv', { id: job.id, pullSecretPath: world.pullSecretPath, sshPublicKey, imageType: 'full-iso' });
    const hostId = sim.bootHost({ hostname: 'localhost' });
    sim.tick();
    const state = await api.call('assisted.refresh', { id: job.id });
    expect(state.nodeNames).toEqual(['sno-0.example.com']);

    // The service would accept "sno-0"; the app knows the SNO node is called that
    const err = await api.call('assisted.setHostname', { id: job.id, hostId, name: 'sno-0' }).then(
      () => undefined,
      (e: unknown) => e as AppError,
    );
    expect(err?.code).toBe('assisted.hostnameExistingNode');
    expect(err?.localized('zh-CN')).toContain('sno-0.example.com');
    expect([...sim.exchanges].filter((x) => x.method === 'PATCH' && x.path.includes('/hosts/'))).toHaveLength(0);

    await api.call('assisted.setHostname', { id: job.id, hostId, name: 'worker-0.example.com' });
    const updated = await api.call('jobs.get', { id: job.id });
    expect((updated.data.cluster as { worker?: { nodeName: string; addresses: string[] } }).worker).toMatchObject({ nodeName: 'worker-0.example.com', addresses: ['192.168.122.51'] });
  });
});
