import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssistedService } from '../../../electron/services/assisted/assisted-service';
import { AssistedClient } from '../../../electron/services/assisted/client';
import { AccessTokenProvider } from '../../../electron/services/credentials/access-token-provider';
import { CredentialsVault } from '../../../electron/services/credentials/credentials-vault';
import { MemorySecretStore } from '../../../electron/services/secrets/secret-store';
import { JobStore } from '../../../electron/services/jobs/job-store';
import { silentLogger } from '../../../electron/services/logging/logger';
import { systemClock } from '../../../electron/services/clock';
import { createEventBus } from '../../../electron/services/events/event-bus';
import { openshiftClusterId, sshPublicKey, startWorld, type AssistedWorld } from './fixture';
import { ManualScheduler } from '../../support/manual-scheduler';

let world: AssistedWorld;
let service: AssistedService;
let jobs: JobStore;
let polls: ManualScheduler;

beforeAll(async () => {
  world = await startWorld();
  const dir = mkdtempSync(join(tmpdir(), 'sfk-assisted-watch-'));
  const vault = new CredentialsVault(new MemorySecretStore());
  await vault.saveOfflineToken(world.offlineToken);
  const tokens = new AccessTokenProvider({ vault, ssoUrl: () => world.sso.tokenUrl, clock: systemClock });
  jobs = new JobStore(dir, systemClock);
  // The app's own intervals (hosts every 10 s, events every 60 s); the test steps from poll to poll.
  polls = new ManualScheduler();
  service = new AssistedService({
    jobs,
    bus: createEventBus(),
    clock: polls.clock,
    scheduler: polls,
    logger: silentLogger,
    client: new AssistedClient({ apiUrl: () => world.assisted.url, tokens, retryLimit: 0 }),
    // polling never downloads; the app's downloader is the artifact engine (services.artifacts)
    download: () => Promise.reject(new Error('the polling tests download nothing')),
    practiceMode: false,
    homeDir: dir,
  });
});
afterAll(async () => {
  service?.dispose();
  await world?.close();
});

/** The delay is the base (ms) within the ±10 % jitter. */
const around = (base: number) => expect.toSatisfy((ms: number) => ms >= base * 0.9 && ms <= base * 1.1, `${base} ms ± 10 %`);

describe('polling', () => {
  it('follows a host to added-to-existing-cluster on its own, backs off while the service fails, and stops when asked', async () => {
    const sim = world.assisted.day2;
    const job = await jobs.create('assisted', 'watch');
    await service.setCluster({ id: job.id, openshiftClusterId, apiHost: 'api.sno.example.com', version: '4.16.3', source: 'manual' });
    await service.prepareCluster(job.id);
    await service.saveInfraEnv({ id: job.id, pullSecretPath: world.pullSecretPath, sshPublicKey, imageType: 'full-iso' });
    expect(service.watch(job.id, true)).toEqual({ watching: true });
    expect(service.watch(job.id, true)).toEqual({ watching: true }); // idempotent: one loop per job
    // The first poll runs at once; the next one is due in 10 s.
    expect(await polls.scheduled('the first poll to finish')).toBe(10_000);
    expect(polls.pending).toEqual([10_000]);

    const hostId = sim.bootHost({ hostname: 'worker-2' });
    sim.tick();
    expect(await polls.step()).toBe(10_000);
    expect((await service.state(job.id)).hosts[0]?.status).toBe('known');
    await service.install(job.id, hostId);

    // The service fails for a while: polling backs off (20 s, 40 s, 80 s) instead of hammering it.
    sim.scenarios.failNextRequests(3, 503);
    const failuresStart = sim.exchanges.length;
    const backoff = [await polls.step(), await polls.step(), await polls.step()];
    expect(backoff).toEqual([around(20_000), around(40_000), around(80_000)]);
    expect(sim.exchanges.slice(failuresStart).map((x) => x.status)).toEqual([503, 503, 503]);
    expect((await service.state(job.id)).data.lastError?.code).toBe('assisted.serverError');

    for (let i = 0; i < 6; i += 1) sim.tick();
    expect(sim.hostStatus(hostId)).toBe('added-to-existing-cluster');
    // Once every host has rebooted nothing more is posted: the loop slows down to the events pace.
    expect(await polls.step()).toBe(60_000);
    const state = await service.state(job.id);
    expect(state.data.hosts[hostId]?.status).toBe('added-to-existing-cluster');
    expect(state.data.lastError).toBeUndefined();
    expect(state.data.events.some((e) => e.message.includes('added-to-existing-cluster'))).toBe(true);

    expect(service.watch(job.id, false)).toEqual({ watching: false });
    expect(polls.pending).toEqual([]);
    expect((await service.state(job.id)).watching).toBe(false);
  });

  it('polls of a finished job that find nothing new leave the job untouched (opening it does not move it up the list)', async () => {
    const sim = world.assisted.day2;
    const job = await jobs.create('assisted', 'finished');
    await service.setCluster({ id: job.id, openshiftClusterId, apiHost: 'api.sno.example.com', version: '4.16.3', source: 'manual' });
    await service.prepareCluster(job.id);
    await service.saveInfraEnv({ id: job.id, pullSecretPath: world.pullSecretPath, sshPublicKey, imageType: 'full-iso' });
    const hostId = sim.bootHost({ hostname: 'worker-3' });
    sim.tick();
    await service.refresh(job.id);
    await service.install(job.id, hostId);
    for (let i = 0; i < 6; i += 1) sim.tick();
    await service.refresh(job.id);
    expect((await service.state(job.id)).data.hosts[hostId]?.status).toBe('added-to-existing-cluster');
    const finished = await jobs.update(job.id, { status: 'done' });
    const other = await jobs.create('manual', 'newer work');

    // Opening the finished job starts the watch: its polls answer, but nothing about the job changed.
    expect(service.watch(job.id, true)).toEqual({ watching: true });
    await polls.scheduled('the first poll of the finished job');
    await polls.step();
    const after = await jobs.get(job.id);
    expect({ revision: after.revision, updatedAt: after.updatedAt }).toEqual({ revision: finished.revision, updatedAt: finished.updatedAt });
    expect((await jobs.list()).map((j) => j.id).slice(0, 2)).toEqual([other.id, job.id]);
    // The last answer is still shown, from memory.
    expect((await service.state(job.id)).data.lastPollAt).toBeDefined();
    service.watch(job.id, false);
  });
});
