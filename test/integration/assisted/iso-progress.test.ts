import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/app/backend';
import type { ApiClient } from '../../../shared/api/client';
import { sshPublicKey, startBackendFor, startWorld, type AssistedWorld } from './fixture';

let world: AssistedWorld;
let backend: Backend;
let api: ApiClient;

beforeAll(async () => {
  world = await startWorld();
  ({ backend, api } = await startBackendFor(world));
});
afterAll(async () => {
  await backend?.dispose();
  await world?.close();
});

describe('discovery ISO download', () => {
  it('reports progress on one event stream, artifacts.progress, under the file the state names', async () => {
    const job = await api.call('jobs.create', { kind: 'assisted', title: 'iso progress' });
    await api.call('assisted.setCluster', { id: job.id, openshiftClusterId: randomUUID(), apiHost: 'api.edge.example.org', version: '4.14.12' });
    await api.call('assisted.prepareCluster', { id: job.id });
    const state = await api.call('assisted.saveInfraEnv', { id: job.id, pullSecretPath: world.pullSecretPath, sshPublicKey, imageType: 'full-iso' });
    // The backend names the cache file (cluster, infra-env and image type in it); the renderer never builds it.
    expect(state.isoFile).toEqual({ artifactId: `discovery-iso/discovery_image_edge_${state.data.infraEnv!.id}_full-iso.iso`, name: `discovery_image_edge_${state.data.infraEnv!.id}_full-iso.iso` });

    const progress: string[] = [];
    const off = backend.services.bus.subscribe((name, payload) => {
      if (name.endsWith('progress')) progress.push(`${name} ${(payload as { id: string }).id}`);
    });
    try {
      const done = await api.call('assisted.downloadIso', { id: job.id });
      expect(done.data.iso?.artifactId).toBe(state.isoFile!.artifactId);
      expect(basename(done.data.iso!.path)).toBe(state.isoFile!.name);
    } finally {
      off();
    }
    expect(progress.length).toBeGreaterThan(0);
    expect([...new Set(progress)]).toEqual([`artifacts.progress ${state.isoFile!.artifactId}`]);
  });
});
