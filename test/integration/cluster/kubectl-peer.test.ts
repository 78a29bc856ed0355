import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startKubeApiSimulator, type KubeApiSimulator } from '../../../electron/services/simulators/kube-api-simulator';
import { kubeletCsrObject } from '../../../electron/services/simulators/kubelet-csr';
import { openKubeAccess } from '../../../electron/services/cluster/kube-access';
import { requireKubectl } from '../../support/peers';

// The real kubectl 1.20 (Debian kubernetes-client, extracted by scripts/setup-peers.sh) is the peer
// that proves the fake API server follows the real contract.
let KUBECTL: string;
const run = promisify(execFile);

let sim: KubeApiSimulator;
let dir: string;
let kubeconfig: string;

async function kubectl(...args: string[]): Promise<string> {
  const { stdout } = await run(KUBECTL, ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache'), ...args], { timeout: 60_000 });
  return stdout;
}

beforeAll(async () => {
  KUBECTL = requireKubectl();
  dir = mkdtempSync(join(tmpdir(), 'sfk-kubectl-'));
  sim = await startKubeApiSimulator({
    nodes: [{ name: 'sno-0', roles: ['control-plane', 'master', 'worker'], ready: true, addresses: [{ type: 'InternalIP', address: '192.168.50.10' }] }],
  });
  kubeconfig = join(dir, 'kubeconfig');
  sim.writeKubeconfig(kubeconfig);
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

describe('kubectl 1.20 against the fake API server', () => {
  it('runs the real kubectl 1.20', async () => {
    const { stdout } = await run(KUBECTL, ['version', '--client', '--short']);
    expect(stdout).toContain('v1.20');
  });

  it('`get csr` prints the server-side Table columns', async () => {
    const csr = sim.addCsr(await kubeletCsrObject('client', 'worker-1'));
    const out = await kubectl('get', 'csr');
    const [header, ...rows] = out.trim().split('\n');
    expect(header!.split(/\s+/)).toEqual(['NAME', 'AGE', 'SIGNERNAME', 'REQUESTOR', 'CONDITION']);
    const row = rows.find((r) => r.startsWith(csr.metadata.name));
    expect(row).toMatch(/kubernetes\.io\/kube-apiserver-client-kubelet\s+system:serviceaccount:openshift-machine-config-operator:node-bootstrapper\s+Pending/);
    // kubectl asked for a Table and used discovery first, like against a real server
    expect(sim.requests.some((r) => r.path === '/apis/certificates.k8s.io/v1' && r.status === 200)).toBe(true);
    expect(sim.requests.some((r) => r.path.endsWith('/certificatesigningrequests') && r.accept.includes('as=Table'))).toBe(true);
  }, 90_000);

  it('`certificate approve` PUTs /approval and the CSR becomes Approved,Issued', async () => {
    const csr = sim.addCsr(await kubeletCsrObject('client', 'worker-2', { keyType: 'rsa-2048' }));
    const out = await kubectl('certificate', 'approve', csr.metadata.name);
    expect(out).toContain(`certificatesigningrequest.certificates.k8s.io/${csr.metadata.name} approved`);
    const put = sim.requests.find((r) => r.method === 'PUT' && r.path.endsWith(`/${csr.metadata.name}/approval`));
    expect(put?.userAgent).toMatch(/^kubectl\/v1\.20/);
    const approved = sim.getCsr(csr.metadata.name)!;
    expect(approved.status.conditions[0]).toMatchObject({ type: 'Approved', status: 'True', reason: 'KubectlApprove' });
    await expect.poll(async () => (await kubectl('get', 'csr', csr.metadata.name)).includes('Approved,Issued'), { timeout: 30_000 }).toBe(true);
  }, 90_000);

  it('`certificate approve` retries after a 409 Conflict', async () => {
    const csr = sim.addCsr(await kubeletCsrObject('client', 'worker-3'));
    sim.failNextApprovals(1);
    await kubectl('certificate', 'approve', csr.metadata.name);
    const puts = sim.requests.filter((r) => r.method === 'PUT' && r.path.endsWith(`/${csr.metadata.name}/approval`));
    expect(puts.map((p) => p.status)).toEqual([409, 200]);
  }, 90_000);

  it('`get csr -w` streams a CSR created after the watch started', async () => {
    const child = spawn(KUBECTL, ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache'), 'get', 'csr', '-w']);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await expect.poll(() => out.includes('NAME'), { timeout: 30_000 }).toBe(true);
      await expect.poll(() => sim.requests.some((r) => r.query.includes('watch=true')), { timeout: 30_000 }).toBe(true);
      const late = sim.addCsr(await kubeletCsrObject('serving', 'worker-4', { addresses: ['192.168.50.21'] }), {
        username: 'system:node:worker-4',
        groups: ['system:nodes', 'system:authenticated'],
      });
      await expect.poll(() => out.split('\n').some((l) => l.startsWith(late.metadata.name) && l.includes('kubernetes.io/kubelet-serving') && l.includes('Pending')), { timeout: 30_000 }).toBe(true);
      await kubectl('certificate', 'approve', late.metadata.name);
      await expect.poll(() => out.split('\n').some((l) => l.startsWith(late.metadata.name) && l.includes('Approved')), { timeout: 30_000 }).toBe(true);
      // headers printed once although each watch event is a Table
      expect(out.split('\n').filter((l) => l.startsWith('NAME')).length).toBe(1);
    } finally {
      child.kill();
    }
  }, 120_000);

  it('`get nodes` prints NAME STATUS ROLES AGE VERSION', async () => {
    const out = await kubectl('get', 'nodes');
    expect(out).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION/);
    expect(out).toMatch(/sno-0\s+Ready\s+control-plane,master,worker\s+\S+\s+v1\.31/);
  }, 90_000);

  it('our client and kubectl see the same CSRs and approve the same way', async () => {
    const access = await openKubeAccess({ kubeconfigPath: kubeconfig });
    const csr = sim.addCsr(await kubeletCsrObject('client', 'worker-5'));
    const ours = await access.listCsrs();
    const theirs = JSON.parse(await kubectl('get', 'csr', '-o', 'json')) as { items: { metadata: { name: string } }[] };
    expect(ours.items.map((c) => c.metadata.name).sort()).toEqual(theirs.items.map((c) => c.metadata.name).sort());
    await access.approveCsr(csr.metadata.name, { reason: 'SnoFieldKitApprove', message: 'approved by test' });
    const shown = JSON.parse(await kubectl('get', 'csr', csr.metadata.name, '-o', 'json')) as { status: { conditions: { type: string; reason: string }[] } };
    expect(shown.status.conditions[0]).toMatchObject({ type: 'Approved', reason: 'SnoFieldKitApprove' });
  }, 90_000);

  it('rejects a wrong token for kubectl too', async () => {
    const bad = join(dir, 'bad-kubeconfig');
    sim.writeKubeconfig(bad, { token: 'sha256~wrong' });
    const err = await run(KUBECTL, ['--kubeconfig', bad, '--cache-dir', join(dir, 'cache2'), 'get', 'csr']).catch((e: { stderr: string }) => e);
    expect((err as { stderr: string }).stderr).toMatch(/Unauthorized|must be logged in/);
  }, 90_000);
});
