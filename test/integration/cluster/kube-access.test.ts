import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify, parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { startKubeApiSimulator, type KubeApiSimulator } from '../../../electron/services/simulators/kube-api-simulator';
import { kubeletCsrObject } from '../../../electron/services/simulators/kubelet-csr';
import { openKubeAccess, listKubeContexts, kubeconfigCandidates } from '../../../electron/services/cluster/kube-access';
import { AppError } from '../../../shared/api/errors';
import { createTestCa } from '../../../electron/services/simulators/test-ca';
import { until } from '../../support/wait';

let sim: KubeApiSimulator;
let dir: string;
let kubeconfig: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sfk-kube-'));
  sim = await startKubeApiSimulator({
    clusterVersion: { clusterId: '0b1c5f5e-5a7e-4c1e-9f3e-2b2a1c0d9e8f', version: '4.18.12' },
    infrastructure: { apiServerURL: 'https://api.sno.example.com:6443', platform: 'None', infrastructureName: 'sno-abc12' },
    configMaps: [{ namespace: 'openshift-config', name: 'demo', data: { a: '1' } }],
    secrets: [{ namespace: 'openshift-machine-api', name: 'worker-user-data', data: { userData: '{"ignition":{}}' } }],
    nodes: [{ name: 'sno-0', roles: ['control-plane', 'master', 'worker'], ready: true }],
  });
  kubeconfig = join(dir, 'kubeconfig');
  sim.writeKubeconfig(kubeconfig);
});
afterAll(() => sim?.close());

async function codeOf(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return (err as AppError).code;
}

describe('openKubeAccess', () => {
  it('reads configmaps, decodes secrets and reports the cluster identity', async () => {
    const access = await openKubeAccess({ kubeconfigPath: kubeconfig });
    expect(access.server).toBe(sim.url);
    expect(access.contextName).toBe('admin');
    expect(await access.getConfigMap('openshift-config', 'demo')).toEqual({ a: '1' });
    expect(await access.getSecret('openshift-machine-api', 'worker-user-data')).toEqual({ userData: '{"ignition":{}}' });
    expect(await access.identity()).toEqual({
      clusterId: '0b1c5f5e-5a7e-4c1e-9f3e-2b2a1c0d9e8f',
      version: '4.18.12',
      apiServerUrl: 'https://api.sno.example.com:6443',
      apiHost: 'api.sno.example.com',
      infrastructureName: 'sno-abc12',
      platform: 'None',
      architecture: 'x86_64',
    });
    expect(await codeOf(access.getConfigMap('openshift-config', 'missing'))).toBe('cluster.notFound');
  });

  it('picks a context by name and lists contexts without secrets', async () => {
    const multi = join(dir, 'multi');
    sim.writeKubeconfig(multi, { contextName: 'field' });
    const doc = parse(readFileSync(multi, 'utf8')) as { contexts: unknown[]; 'current-context': string };
    doc.contexts.push({ name: 'other', context: { cluster: 'sno-simulated', user: 'admin' } });
    doc['current-context'] = 'other';
    writeFileSync(multi, stringify(doc));
    const listed = listKubeContexts(multi);
    expect(listed.current).toBe('other');
    expect(listed.contexts.map((c) => c.name)).toEqual(['field', 'other']);
    expect(JSON.stringify(listed)).not.toContain(sim.token);
    const access = await openKubeAccess({ kubeconfigPath: multi, context: 'field' });
    expect(access.contextName).toBe('field');
    expect(await codeOf(openKubeAccess({ kubeconfigPath: multi, context: 'nope' }))).toBe('cluster.contextNotFound');
  });

  it('uses $KUBECONFIG (a list) before ~/.kube/config', () => {
    expect(kubeconfigCandidates(undefined, { KUBECONFIG: `/a/one:/b/two` })).toEqual(['/a/one', '/b/two']);
    expect(kubeconfigCandidates('/picked', { KUBECONFIG: '/a/one' })).toEqual(['/picked']);
    expect(kubeconfigCandidates(undefined, {})[0]).toMatch(/\.kube\/config$/);
  });

  it('fails clearly for a missing or broken kubeconfig', async () => {
    expect(await codeOf(openKubeAccess({ kubeconfigPath: join(dir, 'absent') }))).toBe('cluster.kubeconfigNotFound');
    const broken = join(dir, 'broken');
    writeFileSync(broken, 'apiVersion: v1\nclusters: [oops');
    // Not YAML: told by line and column (cluster.kubeconfigNotYaml); YAML without contexts: invalid
    expect(await codeOf(openKubeAccess({ kubeconfigPath: broken }))).toBe('cluster.kubeconfigNotYaml');
    const empty = join(dir, 'empty');
    writeFileSync(empty, 'apiVersion: v1\nkind: Config\n');
    expect(await codeOf(openKubeAccess({ kubeconfigPath: empty }))).toBe('cluster.kubeconfigInvalid');
  });

  it('verifies TLS against the kubeconfig CA and refuses silent insecure mode', async () => {
    const otherCa = await createTestCa('some-other-ca');
    const wrongCa = join(dir, 'wrong-ca');
    sim.writeKubeconfig(wrongCa);
    const doc = parse(readFileSync(wrongCa, 'utf8')) as { clusters: { cluster: Record<string, unknown> }[] };
    doc.clusters[0]!.cluster['certificate-authority-data'] = Buffer.from(otherCa.caPem).toString('base64');
    writeFileSync(wrongCa, stringify(doc));
    const access = await openKubeAccess({ kubeconfigPath: wrongCa });
    expect(await codeOf(access.listNodes())).toBe('cluster.tlsFailed');

    const insecure = join(dir, 'insecure');
    sim.writeKubeconfig(insecure, { withoutCa: true, insecure: true });
    expect(await codeOf(openKubeAccess({ kubeconfigPath: insecure }))).toBe('cluster.insecureKubeconfig');
    const allowed = await openKubeAccess({ kubeconfigPath: insecure, insecureSkipTlsVerify: true });
    expect(allowed.insecure).toBe(true);
    expect((await allowed.listNodes()).items).toHaveLength(1);
  });

  it('maps a rejected token to cluster.unauthorized without echoing it', async () => {
    const bad = join(dir, 'bad-token');
    sim.writeKubeconfig(bad, { token: 'sha256~not-the-token' });
    const access = await openKubeAccess({ kubeconfigPath: bad });
    const err = (await access.listCsrs().then(
      () => undefined,
      (e: unknown) => e,
    )) as AppError;
    expect(err.code).toBe('cluster.unauthorized');
    expect(JSON.stringify(err.toWire())).not.toContain('not-the-token');
  });

  it('approves via /approval and retries on 409 Conflict, re-checking the re-read CSR', async () => {
    const access = await openKubeAccess({ kubeconfigPath: kubeconfig });
    const csr = sim.addCsr(await kubeletCsrObject('client', 'w-1'));
    sim.failNextApprovals(2);
    let checks = 0;
    const result = await access.approveCsr(csr.metadata.name, { reason: 'SnoFieldKitApprove', message: 'test' }, () => {
      checks++;
    });
    expect(checks).toBe(3);
    expect(result.status?.conditions?.[0]).toMatchObject({ type: 'Approved', status: 'True', reason: 'SnoFieldKitApprove' });
    const second = sim.addCsr(await kubeletCsrObject('client', 'w-2'));
    const aborted = access.approveCsr(second.metadata.name, { reason: 'x', message: 'y' }, () => {
      throw new AppError('cluster.csrNotApprovable', { name: second.metadata.name });
    });
    expect(await codeOf(aborted)).toBe('cluster.csrNotApprovable');
    expect(sim.getCsr(second.metadata.name)!.status.conditions ?? []).toEqual([]);
  });

  it('watches with timeoutSeconds: events stream, then the server ends the request', async () => {
    const access = await openKubeAccess({ kubeconfigPath: kubeconfig });
    const { resourceVersion } = await access.listCsrs();
    const [early, late] = [await kubeletCsrObject('client', 'w-3'), await kubeletCsrObject('client', 'w-4')];
    const isWatch = (r: { query: string }) => r.query.includes('watch=true');
    const watchesBefore = sim.requests.filter(isWatch).length;
    const seen: string[] = [];
    let ended = false;
    const watching = access
      .watch<{ metadata: { name: string } }>('certificatesigningrequests', { resourceVersion, timeoutSeconds: 2 }, (type, obj) => seen.push(`${type} ${obj.metadata.name}`))
      .finally(() => (ended = true));
    // Added before the stream is open: replayed from resourceVersion.
    const first = sim.addCsr(early);
    await until(() => seen.includes(`ADDED ${first.metadata.name}`), 'the first event');
    // Added while the stream is open: it stays open and delivers this too.
    const second = sim.addCsr(late);
    await until(() => seen.includes(`ADDED ${second.metadata.name}`) || ended, 'the second event');
    expect(ended).toBe(false);
    // Resolves (rather than rejecting) only when the server ends the stream at timeoutSeconds.
    await watching;
    const [request] = sim.requests.filter(isWatch).slice(watchesBefore);
    expect(new URLSearchParams(request!.query).get('timeoutSeconds')).toBe('2');
  });

  it('reads the server clock from the Date header', async () => {
    const access = await openKubeAccess({ kubeconfigPath: kubeconfig });
    const t = await access.serverTime();
    expect(t.serverDate).toBeDefined();
    expect(Math.abs(t.serverDate! - t.receivedAt)).toBeLessThan(5_000);
  });
});
