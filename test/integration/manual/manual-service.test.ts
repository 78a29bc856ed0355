import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { startKubeApiSimulator, type KubeApiSimulator } from '../../../electron/services/simulators/kube-api-simulator';
import { openKubeAccess } from '../../../electron/services/cluster/kube-access';
import { ManualService } from '../../../electron/services/manual/manual-service';
import { JobStore } from '../../../electron/services/jobs/job-store';
import { createEventBus } from '../../../electron/services/events/event-bus';
import { createFileLogger } from '../../../electron/services/logging/logger';
import { systemClock } from '../../../electron/services/clock';
import type { GenerateInput } from '../../../shared/api/domains/manual';
import { staticModel, workerIgnFixture } from '../../unit/manual/fixtures';

const sha512 = (b: string | Buffer) => createHash('sha512').update(b).digest('hex');

/** The manual flow's main-process side against a real (simulated) Kubernetes API and a real HTTP client. */
describe('ManualService', () => {
  let sim: KubeApiSimulator;
  let legacySim: KubeApiSimulator;
  let service: ManualService;
  let jobs: JobStore;
  const events: { name: string; payload: unknown }[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'sfk-manual-'));
  let worker: string;

  beforeAll(async () => {
    sim = await startKubeApiSimulator({ secrets: [] });
    worker = workerIgnFixture(sim.caPem);
    await sim.close();
    sim = await startKubeApiSimulator({ secrets: [{ namespace: 'openshift-machine-api', name: 'worker-user-data-managed', data: { userData: worker, disableTemplating: 'true' } }] });
    legacySim = await startKubeApiSimulator({
      secrets: [
        {
          namespace: 'openshift-machine-api',
          name: 'worker-user-data',
          data: { userData: '{"ignition":{"config":{"append":[{"source":"https://api-int.old.example.com:22623/config/worker"}]},"version":"2.2.0"}}' },
        },
      ],
    });
    sim.writeKubeconfig(join(dataDir, 'kubeconfig'));
    legacySim.writeKubeconfig(join(dataDir, 'legacy-kubeconfig'));
    const bus = createEventBus();
    bus.subscribe((name, payload) => events.push({ name, payload }));
    jobs = new JobStore(
      dataDir,
      systemClock,
      (id, removed) => bus.emit('jobs.changed', removed ? { id, removed } : { id }),
      () => 'tester',
    );
    service = new ManualService({ jobs, bus, logger: createFileLogger(join(dataDir, 'app.log')), clock: systemClock, openKube: (ref) => openKubeAccess(ref) });
  });
  afterAll(async () => {
    await service?.dispose();
    await sim?.close();
    await legacySim?.close();
  });

  const input = (): GenerateInput => ({
    hostname: 'worker-1.sno1.example.com',
    network: staticModel(),
    delivery: 'served',
    server: { host: '127.0.0.1', port: 0 },
    installDevice: '/dev/disk/by-id/nvme-x',
    appendKargs: [],
    nmcliStyle: 'add',
  });

  it('reads worker.ign from the managed secret with its merge source and CA, and saves it in the job folder', async () => {
    const job = await jobs.create('manual', 'w1');
    await jobs.updateData(job.id, 'cluster', () => ({ kubeconfigPath: join(dataDir, 'kubeconfig') }));
    const info = await service.loadWorkerIgn(job.id, 'cluster');
    expect(info).toMatchObject({
      source: 'cluster',
      origin: 'openshift-machine-api/worker-user-data-managed',
      version: '3.2.0',
      mergeHost: 'api-int.sno1.example.com',
      caCount: 1,
      sha512: sha512(worker),
    });
    expect(info.ca[0]!.subject).toMatch(/CN=/);
    expect(readFileSync(join(service.folder(job.id), 'worker.ign'), 'utf8')).toBe(worker);
    expect((await service.state(job.id)).workerIgn?.sha512).toBe(sha512(worker));
  });

  it('explains a spec 2.x config found only in the legacy secret', async () => {
    const job = await jobs.create('manual', 'old');
    await expect(service.loadWorkerIgn(job.id, 'cluster', undefined, { kubeconfigPath: join(dataDir, 'legacy-kubeconfig') })).rejects.toMatchObject({
      code: 'manual.workerIgnSpec2',
      params: { version: '2.2.0', origin: 'openshift-machine-api/worker-user-data' },
    });
    await expect(service.loadWorkerIgn(job.id, 'cluster')).rejects.toMatchObject({ code: 'manual.noClusterAccess' });
    await expect(service.loadWorkerIgn(job.id, 'file', join(dataDir, 'missing.ign'))).rejects.toMatchObject({ code: 'manual.workerIgnFile' });
  });

  it('generates, serves and logs: the node URL, the hash and the served bytes agree; the server stops when the job ends', async () => {
    const job = await jobs.create('manual', 'w2');
    const file = join(dataDir, 'worker.ign');
    writeFileSync(file, worker);
    await service.loadWorkerIgn(job.id, 'file', file);
    await expect(service.generate(job.id, { ...input(), hostname: 'localhost', server: { host: '127.0.0.1', port: 8080 } })).rejects.toMatchObject({ code: 'manual.invalidInput' });

    // Pick a free port the way the technician would: one that is not in use.
    const probe = await import('node:net').then(
      ({ createServer }) =>
        new Promise<number>((resolve) => {
          const s = createServer().listen(0, '127.0.0.1', () => {
            const p = (s.address() as { port: number }).port;
            s.close(() => resolve(p));
          });
        }),
    );
    const generated = await service.generate(job.id, { ...input(), server: { host: '127.0.0.1', port: probe } });
    expect(generated.files.map((f) => f.name)).toEqual(['worker.ign', 'new-worker.ign', 'ens3.nmconnection', 'nmcli.sh', 'nmstate.yaml', 'install.sh']);
    expect(generated.commands.install).toContain(`--ignition-hash=sha512-${generated.nodeIgnitionSha512}`);
    expect(generated.commands.install).toContain('--copy-network');

    const status = await service.serverStart(job.id);
    expect(status.running).toBe(true);
    expect(status.urls.map((u) => u.name).sort()).toEqual(['ens3.nmconnection', 'new-worker.ign', 'worker.ign']);
    const node = await fetch(generated.nodeIgnitionUrl);
    const nodeText = await node.text();
    expect(sha512(nodeText)).toBe(generated.nodeIgnitionSha512);
    const merge = JSON.parse(nodeText).ignition.config.merge[0];
    const served = Buffer.from(await (await fetch(merge.source)).arrayBuffer());
    expect(merge.verification.hash).toBe(`sha512-${sha512(served)}`);
    const access = events.filter((e) => e.name === 'manual.serverAccess').map((e) => e.payload as { file?: string; remote: string; jobId: string });
    expect(access.map((a) => a.file)).toEqual(['new-worker.ign', 'worker.ign']);
    expect(access[0]).toMatchObject({ jobId: job.id, remote: '127.0.0.1' });
    expect(service.serverStatus(job.id).log).toHaveLength(2);

    // A file changed behind the app's back is never served with a stale hash.
    await service.serverStop(job.id);
    writeFileSync(join(service.folder(job.id), 'new-worker.ign'), '{}');
    await expect(service.serverStart(job.id)).rejects.toMatchObject({ code: 'manual.filesChanged' });
    await service.generate(job.id, { ...input(), server: { host: '127.0.0.1', port: probe } });
    await service.serverStart(job.id);
    expect((await fetch(generated.nodeIgnitionUrl)).status).toBe(200);

    await jobs.update(job.id, { status: 'done' });
    await expect.poll(() => service.serverStatus(job.id).running, { timeout: 10_000 }).toBe(false);
    expect(events.some((e) => e.name === 'manual.serverStopped' && (e.payload as { reason: string }).reason === 'jobEnded')).toBe(true);
    await expect(fetch(generated.nodeIgnitionUrl)).rejects.toThrow();
    const audit = await jobs.audit(job.id);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['manual.workerIgn', 'manual.generate', 'manual.serverStart', 'manual.serverStop']));
    // Each machine's first fetch of each config is in the audit trail, once per server run.
    const fetched = audit.filter((a) => a.action === 'manual.fetched').map((a) => a.summary);
    expect(fetched.slice(0, 2)).toEqual(['127.0.0.1 fetched new-worker.ign', '127.0.0.1 fetched worker.ign']);
  });

  it('exports the generated files to a folder and restores the generation after a restart', async () => {
    const job = await jobs.create('manual', 'w3');
    const file = join(dataDir, 'worker.ign');
    await service.loadWorkerIgn(job.id, 'file', file);
    const generated = await service.generate(job.id, { ...input(), delivery: 'inline', server: { host: '127.0.0.1', port: 8080 } });
    expect(generated.files.map((f) => f.name)).not.toContain('worker.ign');
    const out = mkdtempSync(join(tmpdir(), 'sfk-export-'));
    const written = await service.exportFiles(job.id, out);
    expect(written).toHaveLength(generated.files.length);
    expect(readFileSync(join(out, 'new-worker.ign'), 'utf8')).toBe(generated.files.find((f) => f.name === 'new-worker.ign')!.content);
    const again = await service.generated(job.id);
    expect(again?.nodeIgnitionSha512).toBe(generated.nodeIgnitionSha512);
  });
});
