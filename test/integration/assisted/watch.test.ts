import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssistedService } from '../../../electron/services/assisted/assisted-service';
import { AssistedClient } from '../../../electron/services/assisted/client';
import { createFallbackIsoDownloader } from '../../../electron/services/assisted/iso-download';
import { AccessTokenProvider } from '../../../electron/services/credentials/access-token-provider';
import { CredentialsVault } from '../../../electron/services/credentials/credentials-vault';
import { MemorySecretStore } from '../../../electron/services/secrets/secret-store';
import { JobStore } from '../../../electron/services/jobs/job-store';
import { silentLogger } from '../../../electron/services/logging/logger';
import { systemClock } from '../../../electron/services/clock';
import { createEventBus } from '../../../electron/rpc/event-bus';
import { openshiftClusterId, sshPublicKey, startWorld, until, type AssistedWorld } from './fixture';

let world: AssistedWorld;
let service: AssistedService;
let jobs: JobStore;

beforeAll(async () => {
  world = await startWorld();
  const dir = mkdtempSync(join(tmpdir(), 'sfk-assisted-watch-'));
  const vault = new CredentialsVault(new MemorySecretStore());
  await vault.saveOfflineToken(world.offlineToken);
  const tokens = new AccessTokenProvider({ vault, ssoUrl: () => world.sso.tokenUrl, clock: systemClock });
  jobs = new JobStore(dir, systemClock);
  service = new AssistedService({
    jobs,
    bus: createEventBus(),
    clock: systemClock,
    logger: silentLogger,
    client: new AssistedClient({ apiUrl: () => world.assisted.url, tokens, retryLimit: 0 }),
    download: createFallbackIsoDownloader((req) => join(dir, req.name)),
    practiceMode: false,
    homeDir: dir,
    // Fast intervals for the test; the app uses ~10 s and ~60 s.
    pollHostsMs: 100,
    pollEventsMs: 400,
  });
});
afterAll(async () => {
  service?.dispose();
  await world?.close();
});

describe('polling', () => {
  it('follows a host to added-to-existing-cluster on its own, backs off while the service fails, and stops when asked', async () => {
    const sim = world.assisted.day2;
    const job = await jobs.create('assisted', 'watch');
    await service.setCluster({ id: job.id, openshiftClusterId, apiHost: 'api.sno.example.com', version: '4.16.3', source: 'manual' });
    await service.prepareCluster(job.id);
    await service.saveInfraEnv({ id: job.id, pullSecretPath: world.pullSecretPath, sshPublicKey, imageType: 'full-iso' });
    expect(service.watch(job.id, true)).toEqual({ watching: true });
    expect(service.watch(job.id, true)).toEqual({ watching: true }); // idempotent: one loop per job

    const hostId = sim.bootHost({ hostname: 'worker-2' });
    sim.tick();
    await until(async () => (await service.state(job.id)).hosts[0]?.status === 'known', 20_000, 'known via polling');
    await service.install(job.id, hostId);

    // The service fails for a while: polling backs off instead of hammering it
    sim.scenarios.failNextRequests(3, 503);
    const failuresStart = sim.exchanges.length;
    await until(async () => (await service.state(job.id)).data.lastError?.code === 'assisted.serverError', 20_000, 'the failure to be recorded');
    for (let i = 0; i < 6; i += 1) sim.tick();
    await until(async () => (await service.state(job.id)).data.hosts[hostId]?.status === 'added-to-existing-cluster', 30_000, 'added via polling');
    const failed = sim.exchanges.slice(failuresStart).filter((x) => x.status === 503);
    expect(failed).toHaveLength(3);
    // The failed polls were spaced out by the backoff: 200 ms, then 400 ms (± 10 % jitter) instead of 100 ms
    expect(failed[1]!.at - failed[0]!.at).toBeGreaterThanOrEqual(170);
    expect(failed[2]!.at - failed[1]!.at).toBeGreaterThanOrEqual(350);
    const state = await service.state(job.id);
    expect(state.data.lastError).toBeUndefined();
    expect(state.data.events.some((e) => e.message.includes('added-to-existing-cluster'))).toBe(true);

    expect(service.watch(job.id, false)).toEqual({ watching: false });
    const count = sim.exchanges.length;
    await new Promise((r) => setTimeout(r, 600));
    expect(sim.exchanges.length).toBe(count);
  }, 90_000);
});
