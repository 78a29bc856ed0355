import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { fixturePath } from '../../support/fixtures';
import { startKubeApiSimulator, type KubeApiSimulator } from '../../../electron/services/simulators/kube-api-simulator';
import { kubeletCsrObject } from '../../../electron/services/simulators/kubelet-csr';

// The real `sno-field-kit` entry point in a child process, so exit codes and streams are the real ones.
const BIN = resolve(import.meta.dirname, '../../../bin/sno-field-kit.mjs');
const run = promisify(execFile);
async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...process.env, LANG: 'en_US.UTF-8', ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let sim: KubeApiSimulator;
let dir: string;
let kubeconfig: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sfk-csrcli-'));
  sim = await startKubeApiSimulator({ nodes: [{ name: 'sno-0', roles: ['master', 'worker'], ready: true }] });
  kubeconfig = join(dir, 'kubeconfig');
  sim.writeKubeconfig(kubeconfig);
});
afterAll(() => sim?.close());

describe('sno-field-kit csr', () => {
  it('check: exit 0 approve, 3 not for this node, 1 reject, with reasons', async () => {
    const good = fixturePath('csr', 'client-bootstrapper-valid.json');
    const ok = await cli(['csr', 'check', good, '--node', 'panda']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('APPROVE');
    expect(ok.stdout).toContain('Requested by the node-bootstrapper service account');
    const other = await cli(['csr', 'check', good, '--node', 'tigers']);
    expect(other.code).toBe(3);
    expect(other.stdout).toContain('not the worker being added (tigers)');
    const bad = await cli(['csr', 'check', fixturePath('csr', 'client-bootstrapper-with-dns-san.json'), '--node', 'monkey']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/REJECT[\s\S]*banana/);
  }, 90_000);

  it('check: reads YAML from stdin-like files and node addresses for serving CSRs', async () => {
    const serving = await kubeletCsrObject('serving', 'w1', { addresses: ['192.168.50.21'] });
    const file = join(dir, 'serving.yaml');
    writeFileSync(file, stringify(serving));
    const ok = await cli(['csr', 'check', file, '--node', 'w1', '--address', '192.168.50.0/24', '--node-address', 'InternalIP=192.168.50.21']);
    expect(ok.code).toBe(0);
    const wrongIp = await cli(['csr', 'check', file, '--node', 'w1', '--address', '10.0.0.0/8', '--node-address', 'InternalIP=192.168.50.21']);
    expect(wrongIp.code).toBe(1);
    expect(wrongIp.stdout).toContain("not among the worker's planned addresses");
  }, 90_000);

  it('check: exit 2 with a clear message for bad input, in zh-CN too', async () => {
    const noNode = await cli(['csr', 'check', fixturePath('csr', 'client-bootstrapper-valid.json')]);
    expect(noNode.code).toBe(2);
    expect(noNode.stderr).toContain('--node');
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '{"kind":"ConfigMap","metadata":{"name":"x"}}');
    const notCsr = await cli(['csr', 'check', junk, '--node', 'a'], { LANG: 'zh_CN.UTF-8' });
    expect(notCsr.code).toBe(2);
    expect(notCsr.stderr).toContain('CertificateSigningRequest 对象');
    const badAddr = await cli(['csr', 'check', junk, '--node', 'a', '--address', 'not-an-ip']);
    expect(badAddr.code).toBe(2);
  }, 90_000);

  it('list and approve against a cluster: only the valid CSR of the node', async () => {
    const ours = sim.addCsr(await kubeletCsrObject('client', 'cli-worker'));
    const theirs = sim.addCsr(await kubeletCsrObject('client', 'someone-else'));
    const listed = await cli(['csr', 'list', '--kubeconfig', kubeconfig, '--node', 'cli-worker']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`${ours.metadata.name}\\s.*Pending\\s+APPROVE`));
    expect(listed.stdout).toMatch(new RegExp(`${theirs.metadata.name}\\s.*Pending\\s+IGNORE`));
    const refused = await cli(['csr', 'approve', theirs.metadata.name, '--kubeconfig', kubeconfig, '--node', 'cli-worker']);
    expect(refused.code).toBe(1);
    const approved = await cli(['csr', 'approve', '--all-valid', '--kubeconfig', kubeconfig, '--node', 'cli-worker']);
    expect(approved.code).toBe(0);
    expect(sim.getCsr(ours.metadata.name)!.status.conditions[0]).toMatchObject({ type: 'Approved', reason: 'SnoFieldKitApprove' });
    expect(sim.getCsr(theirs.metadata.name)!.status.conditions ?? []).toEqual([]);
  }, 120_000);
});
