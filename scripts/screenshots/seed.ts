import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JobStore } from '../../electron/services/jobs/job-store';
import { systemClock } from '../../electron/services/clock';
import { assistedJobInProgress, finishedManualJob } from '../../test/support/handoff-jobs';

/** Job ids the screens open directly (each job left where a technician would find it). */
export interface SeededJobs {
  finished: string;
  assistedFinish: string;
  damaged: string;
  manualNew: string;
  manualNetwork: string;
  manualJoin: string;
  console: string;
  assistedNew: string;
}

const workerIgn = { source: 'file', origin: '/home/tech/worker.ign', version: '3.2.0', mergeSources: [], caCount: 1, ca: [], sha512: 'f'.repeat(128), size: 1700, loadedAt: new Date().toISOString() };

/**
 * Fills a fresh data folder (before the host starts) with the jobs and files the reviewed screens
 * need: a finished job (hand-off), an Assisted job at its finish step, a damaged job, manual jobs at
 * their first, network and join steps (no kubeconfig: the CSR advice), a console job, and a
 * damaged settings.json (the Settings notice).
 */
export async function seedDataDir(dataDir: string): Promise<SeededJobs> {
  const store = new JobStore(dataDir, systemClock);
  const finished = (await finishedManualJob(dataDir)).job.id;

  const assisted = (await assistedJobInProgress(dataDir)).job;
  const data = assisted.data.assisted as { hosts: Record<string, { status: string }> };
  data.hosts.h1!.status = 'added-to-existing-cluster';
  await store.update(assisted.id, { step: 'finish', data: { assisted: data } });

  const damagedJob = await store.create('manual', 'worker-7 site C');
  await store.update(damagedJob.id, { step: 'network' });
  await store.update(damagedJob.id, { step: 'files' });
  writeFileSync(join(dataDir, 'jobs', damagedJob.id, 'job.json'), '');

  const manualNew = await store.create('manual', 'worker-2 site A');
  const manualNetwork = await store.create('manual', 'worker-3 site A');
  const cluster = { version: '4.18.12', architecture: 'x86_64' };
  await store.update(manualNetwork.id, { step: 'network', data: { manual: { cluster, workerIgn } } });

  const manualJoin = await store.create('manual', 'worker-4 site A');
  const network = { interfaces: [{ name: 'ens3', type: 'ethernet', ipv4: { mode: 'dhcp', addresses: [] }, ipv6: { mode: 'disabled', addresses: [] } }], dns: { servers: [], search: [] }, routes: [] };
  const generated = {
    files: [{ name: 'new-worker.ign', purpose: 'manual.files.nodeIgn', size: 900, sha512: 'c'.repeat(128), served: true }],
    nodeIgnitionUrl: 'http://10.1.101.10:8080/new-worker.ign',
    generatedAt: new Date().toISOString(),
  };
  await store.update(manualJoin.id, { step: 'join', data: { manual: { cluster, workerIgn, hostname: 'worker-4.sno1.example.com', network, generated } } });

  const consoleJob = await store.create('console', 'worker-5 console');
  const assistedNew = await store.create('assisted', 'worker-6 assisted');

  writeFileSync(join(dataDir, 'settings.json'), '{"language": "en", ');
  return {
    finished,
    assistedFinish: assisted.id,
    damaged: damagedJob.id,
    manualNew: manualNew.id,
    manualNetwork: manualNetwork.id,
    manualJoin: manualJoin.id,
    console: consoleJob.id,
    assistedNew: assistedNew.id,
  };
}
