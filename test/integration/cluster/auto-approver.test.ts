import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKubeApiSimulator, type KubeApiSimulator } from '../../../electron/services/simulators/kube-api-simulator';
import { kubeletCsrObject } from '../../../electron/services/simulators/kubelet-csr';
import { ClusterService } from '../../../electron/services/cluster/cluster-service';
import { JobStore } from '../../../electron/services/jobs/job-store';
import { createFileLogger } from '../../../electron/services/logging/logger';
import { createEventBus } from '../../../electron/services/events/event-bus';
import { testClock } from '../../support/backend';

let sim: KubeApiSimulator;
let dir: string;
let kubeconfig: string;
let service: ClusterService | undefined;

beforeAll(async () => {
  sim = await startKubeApiSimulator({ nodes: [{ name: 'sno-0', roles: ['master', 'worker'], ready: true }] });
  dir = mkdtempSync(join(tmpdir(), 'sfk-auto-'));
  kubeconfig = join(dir, 'kubeconfig');
  sim.writeKubeconfig(kubeconfig);
});
afterAll(() => sim?.close());
afterEach(async () => {
  await service?.dispose();
  service = undefined;
});

async function setup(clock: { now(): number }, limits: ConstructorParameters<typeof ClusterService>[0]['limits'] = {}) {
  const jobs = new JobStore(mkdtempSync(join(dir, 'data-')), clock);
  const bus = createEventBus();
  service = new ClusterService({ jobs, clock, bus, logger: createFileLogger(join(dir, 'log.txt')), limits });
  const job = await jobs.create('manual', 'w');
  await service.connect({ jobId: job.id, kubeconfigPath: kubeconfig });
  return { jobs, bus, job, service };
}

describe('auto-approver', () => {
  it('keeps approving across watch reconnects (server ends each watch after 1 s)', async () => {
    const { service, job, jobs } = await setup({ now: () => Date.now() }, { watchTimeoutSeconds: 1, reconnectMinMs: 100 });
    await service.setWorker(job.id, { nodeName: 'late-worker', addresses: [] });
    await service.setAutoApprove(job.id, true);
    // several watch cycles pass before the worker boots
    await expect.poll(() => sim.requests.filter((r) => r.query.includes('watch=true') && r.path.endsWith('certificatesigningrequests')).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    const worker = await sim.simulateJoiningWorker({ nodeName: 'late-worker', address: '10.9.9.9', readyDelayMs: 200 });
    try {
      await expect.poll(async () => (await jobs.get(job.id)).status, { timeout: 60_000, interval: 300 }).toBe('done');
    } finally {
      worker.stop();
    }
    expect(service.autoApproveState(job.id)).toMatchObject({ running: false, stopReason: 'complete' });
    expect(service.autoApproveState(job.id).approved).toHaveLength(2);
  }, 90_000);

  it('stops after the time limit without approving or denying anything', async () => {
    const clock = testClock(Date.now());
    const { service, job, jobs } = await setup(clock, { maxRunMs: 60_000 });
    await service.setWorker(job.id, { nodeName: 'slow-worker', addresses: [] });
    await service.setAutoApprove(job.id, true);
    clock.advance(120_000);
    const csr = sim.addCsr(await kubeletCsrObject('client', 'slow-worker'));
    await expect.poll(() => service.autoApproveState(job.id).stopReason, { timeout: 30_000 }).toBe('timeout');
    expect(sim.getCsr(csr.metadata.name)!.status.conditions ?? []).toEqual([]);
    await expect.poll(async () => (await jobs.audit(job.id)).map((a) => a.action), { timeout: 10_000 }).toContain('csr.autoApproveStopped');
  }, 60_000);

  it('stops and asks a human when too many CSRs pile up for the node name', async () => {
    const { service, job } = await setup({ now: () => Date.now() }, { maxPendingForNode: 2 });
    await service.setWorker(job.id, { nodeName: 'spoofed', addresses: [] });
    for (let i = 0; i < 3; i++) sim.addCsr(await kubeletCsrObject('client', 'spoofed'), { username: 'system:admin' });
    await service.setAutoApprove(job.id, true);
    await expect.poll(() => service.autoApproveState(job.id).stopReason, { timeout: 30_000 }).toBe('guard');
    expect(sim.listCsrs().filter((c) => Buffer.from(c.spec.request, 'base64').length && (c.status.conditions ?? []).length > 0 && c.spec.username === 'system:admin')).toEqual([]);
  }, 60_000);

  it('warns when a CSR of the worker has waited close to an hour', async () => {
    const clock = testClock(Date.now() - 3600_000);
    const { service, job } = await setup(clock);
    clock.advance(3600_000);
    await service.setWorker(job.id, { nodeName: 'waiting', addresses: [] });
    const csr = await kubeletCsrObject('client', 'waiting');
    (csr.metadata as Record<string, unknown>).creationTimestamp = new Date(Date.now() - 55 * 60_000).toISOString();
    const added = sim.addCsr(csr);
    await service.watchJoin(job.id, true);
    await expect.poll(() => service.autoApproveState(job.id).warnings, { timeout: 30_000 }).toEqual([{ code: 'waitingLong', params: { name: added.metadata.name, minutes: 55 } }]);
  }, 60_000);
});
