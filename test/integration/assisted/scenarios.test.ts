import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../../shared/api/errors';
import type { Backend } from '../../../electron/app/backend';
import type { ApiClient } from '../../../shared/api/client';
import { AssistedClient } from '../../../electron/services/assisted/client';
import { blockingFailures, parseValidationsInfo } from '../../../shared/assisted/validations';
import { checkDefinition, checkExchange, checkExchanges } from './swagger-contract';
import { openshiftClusterId, sshPublicKey, startBackendFor, startWorld, type AssistedWorld } from './fixture';

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

const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as AppError,
  );

/** A job that has reached the hosts step on its own OpenShift cluster id. */
async function jobWithInfraEnv(clusterUuid = randomUUID()) {
  const job = await api.call('jobs.create', { kind: 'assisted', title: `job ${clusterUuid.slice(0, 8)}` });
  await api.call('assisted.setCluster', { id: job.id, openshiftClusterId: clusterUuid, apiHost: 'api.edge.example.org', version: '4.14.12' });
  await api.call('assisted.prepareCluster', { id: job.id });
  const state = await api.call('assisted.saveInfraEnv', { id: job.id, pullSecretPath: world.pullSecretPath, sshPublicKey, imageType: 'full-iso' });
  return { job, state };
}

describe('scripted field scenarios', () => {
  it('a dropped response after import never creates a second cluster', async () => {
    const sim = world.assisted.day2;
    const before = sim.clusters.size;
    const job = await api.call('jobs.create', { kind: 'assisted', title: 'flaky link' });
    const uuid = randomUUID();
    await api.call('assisted.setCluster', { id: job.id, openshiftClusterId: uuid, apiHost: 'api.flaky.example.org', version: '4.15.0' });
    sim.scenarios.dropNextImportResponse();
    const err = await failure(api.call('assisted.prepareCluster', { id: job.id }));
    expect(err?.code).toBe('assisted.offline');
    const saved = await api.call('assisted.state', { id: job.id });
    expect(saved.data.importStartedAt).toBeTruthy();
    expect(saved.data.clusterId).toBeUndefined();
    // The retry looks first and adopts the cluster the lost call created
    const state = await api.call('assisted.prepareCluster', { id: job.id });
    const forThisCluster = [...sim.clusters.values()].filter((c) => c.openshiftClusterId === uuid);
    expect(forThisCluster).toHaveLength(1);
    expect(state.data.clusterId).toBe(forThisCluster[0]!.id);
    expect(sim.clusters.size).toBe(before + 1);
    expect(sim.exchanges.filter((x) => x.path.endsWith('/clusters/import') && x.requestBody && (x.requestBody as { openshift_cluster_id: string }).openshift_cluster_id === uuid)).toHaveLength(1);
  });

  it('500s on reads are retried with backoff; a failing install is not repeated blindly', async () => {
    const sim = world.assisted.day2;
    const { job } = await jobWithInfraEnv();
    const hostId = sim.bootHost({ hostname: 'worker-5' });
    sim.tick();
    sim.scenarios.failNextRequests(2);
    const state = await api.call('assisted.refresh', { id: job.id });
    expect(state.hosts[0]).toMatchObject({ id: hostId, status: 'known' });
    expect(sim.exchanges.filter((x) => x.status === 500).length).toBeGreaterThanOrEqual(2);

    // The install pre-check GET is retried, the POST itself is not
    sim.scenarios.failNextRequests(1);
    const startCount = sim.exchanges.length;
    await api.call('assisted.install', { id: job.id, hostId }); // GET fails once, retried, then POST succeeds
    const installs = sim.exchanges.slice(startCount).filter((x) => x.path.endsWith('/actions/install'));
    expect(installs).toHaveLength(1);
    expect(sim.hostStatus(hostId)).toBe('installing');
  }, 60_000);

  it('an expired image URL is replaced by a fresh one and the download completes', async () => {
    const sim = world.assisted.day2;
    const { job } = await jobWithInfraEnv();
    const downloadsBefore = sim.isoDownloads;
    const urlCallsBefore = sim.exchanges.filter((x) => x.path.endsWith('/downloads/image-url')).length;
    sim.scenarios.expireNextImageUrl();
    const state = await api.call('assisted.downloadIso', { id: job.id });
    expect(state.data.iso?.size).toBe(1024 * 1024);
    expect(sim.isoDownloads).toBe(downloadsBefore + 1);
    expect(sim.exchanges.filter((x) => x.path.endsWith('/downloads/image-url')).length).toBeGreaterThanOrEqual(urlCallsBefore + 2);
    expect(state.data.infraEnv?.expiresAt && Date.parse(state.data.infraEnv.expiresAt)).toBeGreaterThan(Date.now());
  }, 60_000);

  it('two jobs for clusters with the same name keep their own discovery ISO', async () => {
    // Both jobs' clusters are called "edge" (api.edge.example.org): the default name problem.
    const first = await jobWithInfraEnv();
    const second = await jobWithInfraEnv();
    const a = (await api.call('assisted.downloadIso', { id: first.job.id })).data.iso!;
    const b = (await api.call('assisted.downloadIso', { id: second.job.id })).data.iso!;
    expect(a.path).not.toBe(b.path);
    expect(a.path).toContain(first.state.data.infraEnv!.id);
    expect(b.path).toContain(second.state.data.infraEnv!.id);
    const { artifacts } = await api.call('artifacts.list');
    const byId = new Map(artifacts.map((x) => [x.id, x]));
    expect(byId.get(a.artifactId!)?.jobs).toEqual([first.job.id]);
    expect(byId.get(b.artifactId!)?.jobs).toEqual([second.job.id]);
  }, 60_000);

  it('a DNS failure shows the three DNS validations failing with fix hints, then clears', async () => {
    const sim = world.assisted.day2;
    const { job } = await jobWithInfraEnv();
    sim.scenarios.dnsFailure(true);
    try {
      sim.bootHost({ hostname: 'worker-7' });
      sim.tick();
      const state = await api.call('assisted.refresh', { id: job.id });
      const host = state.hosts[0]!;
      expect(host.status).toBe('insufficient');
      const groups = parseValidationsInfo(host.validationsInfo);
      expect(groups[0]).toMatchObject({ category: 'network', state: 'failed' });
      expect(
        blockingFailures(groups)
          .map((v) => v.id)
          .sort(),
      ).toEqual(['api-domain-name-resolved-correctly', 'api-int-domain-name-resolved-correctly', 'apps-domain-name-resolved-correctly']);
      expect(host.statusInfo).toContain("Couldn't resolve domain name api.edge.example.org");
    } finally {
      sim.scenarios.dnsFailure(false);
    }
    sim.tick();
    expect((await api.call('assisted.refresh', { id: job.id })).hosts[0]!.status).toBe('known');
  });

  it('a host that boots the ISO again ends in installing-pending-user-action; reset brings it back to discovery', async () => {
    const sim = world.assisted.day2;
    const { job } = await jobWithInfraEnv();
    const hostId = sim.bootHost({ hostname: 'worker-8', outcome: 'bootsIsoAgain' });
    sim.tick();
    await api.call('assisted.install', { id: job.id, hostId });
    for (let i = 0; i < 7; i += 1) sim.tick();
    let state = await api.call('assisted.refresh', { id: job.id });
    expect(state.hosts[0]!.status).toBe('installing-pending-user-action');
    expect(state.hosts[0]!.statusInfo).toMatch(/fix boot order/);
    expect((await failure(api.call('assisted.setHostname', { id: job.id, hostId, name: 'worker-9' })))?.code).toBe('assisted.hostnameNotNow');
    state = await api.call('assisted.reset', { id: job.id, hostId });
    expect(state.hosts[0]!.status).toBe('resetting-pending-user-action');
    sim.tick();
    sim.tick();
    state = await api.call('assisted.refresh', { id: job.id });
    expect(state.hosts[0]!.status).toBe('discovering');
  });

  it('a failed installation ends in error with the service status_info; reset is offered only then', async () => {
    const sim = world.assisted.day2;
    const { job } = await jobWithInfraEnv();
    const hostId = sim.bootHost({ hostname: 'worker-10', outcome: 'fails' });
    sim.tick();
    expect((await failure(api.call('assisted.reset', { id: job.id, hostId })))?.code).toBe('assisted.resetNotAllowed');
    await api.call('assisted.install', { id: job.id, hostId });
    for (let i = 0; i < 4; i += 1) sim.tick();
    const state = await api.call('assisted.refresh', { id: job.id });
    expect(state.hosts[0]).toMatchObject({ status: 'error', stage: 'Failed' });
    expect(state.hosts[0]!.statusInfo).toMatch(/^Failed - /);
    expect(state.data.events.some((e) => e.severity === 'error')).toBe(true);
  });

  it('a revoked access token is refreshed once and the call succeeds; a foreign cluster reads as not visible', async () => {
    const exchangesBefore = world.sso.exchanges.length;
    const { job } = await jobWithInfraEnv();
    world.sso.revokeAccessTokens();
    await api.call('assisted.refresh', { id: job.id });
    expect(world.sso.exchanges.length).toBeGreaterThan(exchangesBefore);
    const client = new AssistedClient({ apiUrl: () => world.assisted.url, tokens: backend.services.tokens, retryBaseMs: 10 });
    const err = await failure(client.getCluster(randomUUID()));
    expect(err?.code).toBe('assisted.notVisible');
    expect(err?.localized('zh-CN')).toContain('404');
    const versions = await client.componentVersions();
    expect(checkDefinition('list-versions', { versions: versions.versions, release_tag: versions.releaseTag })).toBeUndefined();
  });

  it('a token refused twice ends as "credentials unauthorized" after exactly one refresh, and the cached token is dropped', async () => {
    let refreshes = 0;
    let cleared = 0;
    const tokens = {
      token: async () => 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.bogus',
      refreshAfterRejection: async () => {
        refreshes += 1;
        return 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ5In0.bogus2';
      },
      clear: () => {
        cleared += 1;
      },
    };
    const client = new AssistedClient({ apiUrl: () => world.assisted.url, tokens, retryBaseMs: 10 });
    const before = world.assisted.requests.filter((r) => r.status === 401).length;
    const err = await failure(client.componentVersions());
    expect(err?.code).toBe('credentials.unauthorized');
    expect(refreshes).toBe(1);
    expect(cleared).toBe(1);
    expect(world.assisted.requests.filter((r) => r.status === 401).length - before).toBe(2);
  });

  it('every exchange in these scenarios followed swagger.yaml', () => {
    expect(checkExchanges(world.assisted.day2.exchanges)).toEqual([]);
    expect(world.assisted.day2.exchanges.some((x) => x.status === 500)).toBe(true);
  });
});

describe('the swagger checker itself', () => {
  const base = { method: 'POST', path: '/api/assisted-install/v2/clusters/import', query: {}, headers: {}, at: 0 };
  it('catches a misspelt request field, a missing required field, an undeclared status and a bad response', () => {
    const ok = {
      ...base,
      requestBody: { name: 'sno', api_vip_dnsname: 'api.sno.example.com', openshift_cluster_id: openshiftClusterId },
      status: 400,
      responseBody: { kind: 'Error', id: 400, code: '400', href: '', reason: 'x' },
    };
    expect(checkExchange(ok)).toEqual([]);
    expect(checkExchange({ ...ok, requestBody: { ...ok.requestBody, api_vip_dns_name: 'x' } })[0]?.problem).toMatch(/additional/);
    expect(checkExchange({ ...ok, requestBody: { name: 'sno' } })[0]?.problem).toMatch(/required/);
    expect(checkExchange({ ...ok, status: 418 })[0]?.problem).toMatch(/not declared/);
    expect(checkExchange({ ...ok, status: 201, responseBody: { kind: 'AddHostsCluster' } })[0]?.problem).toMatch(/response body/);
    expect(
      checkExchange({
        ...ok,
        method: 'GET',
        path: '/api/assisted-install/v2/events',
        requestBody: undefined,
        query: { cluster_id: openshiftClusterId, order: 'sideways' },
        status: 200,
        responseBody: [],
      })[0]?.problem,
    ).toMatch(/order=sideways/);
  });
});
