import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startKubeApiSimulator, type KubeApiSimulator } from '../../../electron/services/simulators/kube-api-simulator';
import { csrObjectFor, kubeletCsrObject } from '../../../electron/services/simulators/kubelet-csr';
import { ClusterService } from '../../../electron/services/cluster/cluster-service';
import { JobStore } from '../../../electron/services/jobs/job-store';
import { createFileLogger } from '../../../electron/services/logging/logger';
import { createEventBus } from '../../../electron/services/events/event-bus';
import { buildCsrPem, OID, STRING } from '../../support/csr-builder';

// Issue #13.1 through every door: `csr check`, `csr approve --all-valid`, the app's approve and
// approve-all-valid and the auto-approver all judge a CSR with the same parser and verdict. The
// attack: a client CSR from the bootstrap token naming worker-1 first and the control plane last.
const BIN = resolve(import.meta.dirname, '../../../bin/sno-field-kit.mjs');
const run = promisify(execFile);

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...process.env, LANG: 'en_US.UTF-8' }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const P = STRING.printable;
function twoCnPem(first: string, last: string): string {
  return buildCsrPem({ subject: [[{ oid: OID.o, value: 'system:nodes', tag: P }], [{ oid: OID.cn, value: `system:node:${first}`, tag: P }], [{ oid: OID.cn, value: `system:node:${last}`, tag: P }]] });
}

let sim: KubeApiSimulator;
let dir: string;
let kubeconfig: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sfk-csrid-'));
  sim = await startKubeApiSimulator({ nodes: [{ name: 'sno-0', roles: ['control-plane', 'master', 'worker'], ready: true }] });
  kubeconfig = join(dir, 'kubeconfig');
  sim.writeKubeconfig(kubeconfig);
});
afterAll(() => sim?.close());

describe('a client CSR naming worker-1 first and the control plane last', () => {
  it('`csr check` rejects it (exit 1) and says why', async () => {
    const file = join(dir, 'attack.json');
    writeFileSync(file, JSON.stringify(csrObjectFor('client', twoCnPem('cli-check', 'sno-0'), 'cli-check', 'attack-check')));
    const out = await cli(['csr', 'check', file, '--node', 'cli-check']);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('REJECT');
    expect(out.stdout).toContain('Subject "O=system:nodes, CN=system:node:cli-check, CN=system:node:sno-0" must be exactly one O and one CN');
  }, 90_000);

  it('`csr approve --all-valid` approves nothing', async () => {
    const attack = sim.addCsr(csrObjectFor('client', twoCnPem('cli-approve', 'sno-0'), 'cli-approve', 'attack-cli-approve'));
    const out = await cli(['csr', 'approve', '--all-valid', '--kubeconfig', kubeconfig, '--node', 'cli-approve']);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('Nothing');
    const named = await cli(['csr', 'approve', attack.metadata.name, '--kubeconfig', kubeconfig, '--node', 'cli-approve']);
    expect(named.code).toBe(1);
    expect(named.stderr).toContain('must be exactly one O and one CN');
    expect(sim.getCsr(attack.metadata.name)!.status.conditions ?? []).toEqual([]);
  }, 120_000);

  it('the app: approve and approve-all-valid refuse it, and the auto-approver passes it over while it approves the real CSR', async () => {
    const jobs = new JobStore(mkdtempSync(join(dir, 'data-')), { now: () => Date.now() });
    const service = new ClusterService({ jobs, clock: { now: () => Date.now() }, bus: createEventBus(), logger: createFileLogger(join(dir, 'log.txt')) });
    try {
      const job = await jobs.create('manual', 'w');
      await service.connect({ jobId: job.id, kubeconfigPath: kubeconfig });
      await service.setWorker(job.id, { nodeName: 'app-worker', addresses: [] });
      const attack = sim.addCsr(csrObjectFor('client', twoCnPem('app-worker', 'sno-0'), 'app-worker', 'attack-app'));
      const reversed = sim.addCsr(csrObjectFor('client', twoCnPem('sno-0', 'app-worker'), 'app-worker', 'attack-app-reversed'));

      const rows = (await service.list(job.id)).rows;
      for (const name of [attack.metadata.name, reversed.metadata.name]) expect(rows.find((r) => r.name === name)).toMatchObject({ verdict: 'reject', decidedBy: { id: 'subjectShape' } });
      expect((await service.approve(job.id, [attack.metadata.name]))[0]).toMatchObject({ ok: false });
      expect(await service.approveAllValid(job.id)).toEqual([]);

      await service.setAutoApprove(job.id, true);
      const real = sim.addCsr(await kubeletCsrObject('client', 'app-worker'));
      await expect.poll(() => service.autoApproveState(job.id).approved, { timeout: 60_000 }).toContain(real.metadata.name);
      expect(service.autoApproveState(job.id).approved).toEqual([real.metadata.name]);
      for (const name of [attack.metadata.name, reversed.metadata.name]) expect(sim.getCsr(name)!.status.conditions ?? []).toEqual([]);
    } finally {
      await service.dispose();
    }
  }, 120_000);
});
