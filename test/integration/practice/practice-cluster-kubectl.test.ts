import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startPracticeCluster, type PracticeCluster } from '../../../electron/practice/practice-cluster';
import { startPracticeKubelet, type PracticeKubelet } from '../../../electron/practice/practice-kubelet';
import { PRACTICE_RELEASES } from '../../../electron/practice/practice-releases';
import { parseStream } from '../../../shared/artifacts/rhcos-stream';
import { liveIso, standinOcPath } from '../../support/nodeimage';
import { requireKubectl, requirePeer } from '../../support/peers';
import { until } from '../../support/wait';

const run = promisify(execFile);
const NODE = 'worker-1.sno.practice.example.com';

/** The practice cluster's new resources and its simulated kubelet, held to the real kubectl 1.20 and ignition-validate. */
describe('practice cluster against kubectl 1.20', () => {
  let kubectlPath: string;
  let dir: string;
  let cluster: PracticeCluster;
  let isoPath: string;
  let kubelet: PracticeKubelet | undefined;

  const kubectl = async (...args: string[]) => (await run(kubectlPath, ['--kubeconfig', cluster.kubeconfig, '--cache-dir', join(dir, 'cache'), ...args], { timeout: 60_000 })).stdout;
  const csrRow = async (name: string) => (await kubectl('get', 'csr', name)).trim().split('\n')[1] ?? '';

  beforeAll(async () => {
    kubectlPath = requireKubectl();
    dir = mkdtempSync(join(tmpdir(), 'sfk-practice-kubectl-'));
    isoPath = liveIso(dir);
    cluster = await startPracticeCluster({ dir, standinPath: standinOcPath, baseIsoPath: isoPath });
  }, 60_000);
  afterAll(async () => {
    kubelet?.stop();
    await cluster?.close();
  });

  it('`get clusterversion` prints the CRD columns, and follows the version picked for practice', { timeout: 60_000 }, async () => {
    const [header, row] = (await kubectl('get', 'clusterversion')).trim().split('\n');
    expect(header!.split(/\s+/)).toEqual(['NAME', 'VERSION', 'AVAILABLE', 'PROGRESSING', 'SINCE', 'STATUS']);
    expect(row).toMatch(/^version\s+4\.18\.12\s+True\s+False\s+\S+\s+Cluster version is 4\.18\.12$/);
    cluster.useRelease(PRACTICE_RELEASES['4.16']);
    expect(await kubectl('get', 'clusterversion', 'version', '-o', 'jsonpath={.status.desired.version}')).toBe('4.16.30');
    expect(await kubectl('get', 'cm', '-n', 'openshift-machine-config-operator', 'coreos-bootimages', '-o', 'jsonpath={.data.releaseVersion}')).toBe('4.16.30');
    cluster.useRelease(PRACTICE_RELEASES['4.18']);
    expect((await kubectl('get', 'clusterversion', 'version')).trim().split('\n')[1]).toContain('4.18.12');
  });

  it('`get secret worker-user-data-managed` holds a pointer config that ignition-validate accepts, with the cluster CA inline', { timeout: 60_000 }, async () => {
    const table = (await kubectl('get', 'secret', '-n', 'openshift-machine-api', 'worker-user-data-managed')).trim().split('\n');
    expect(table[0]!.split(/\s+/)).toEqual(['NAME', 'TYPE', 'DATA', 'AGE']);
    expect(table[1]).toMatch(/^worker-user-data-managed\s+Opaque\s+2\s/);
    const userData = Buffer.from(await kubectl('get', 'secret', '-n', 'openshift-machine-api', 'worker-user-data-managed', '-o', 'jsonpath={.data.userData}'), 'base64').toString('utf8');
    const file = join(dir, 'worker.ign');
    writeFileSync(file, userData);
    const validate = spawnSync(requirePeer('ignition-validate', 'ignition'), [file], { encoding: 'utf8' });
    expect(validate.status, validate.stderr).toBe(0);
    const ign = JSON.parse(userData);
    expect(ign.ignition.version).toBe('3.2.0');
    expect(ign.ignition.config.merge).toEqual([{ source: 'https://api-int.sno.practice.example.com:22623/config/worker' }]);
    const ca = String(ign.ignition.security.tls.certificateAuthorities[0].source);
    expect(Buffer.from(ca.slice(ca.indexOf('base64,') + 7), 'base64').toString('utf8')).toBe(cluster.kube.caPem);
  });

  it('`get cm coreos-bootimages` holds a stream document whose ISO is the practice live ISO, by sha256', { timeout: 60_000 }, async () => {
    expect((await kubectl('get', 'cm', '-n', 'openshift-machine-config-operator', 'coreos-bootimages')).trim().split('\n')[1]).toMatch(/^coreos-bootimages\s+2\s/);
    const stream = parseStream(await kubectl('get', 'cm', '-n', 'openshift-machine-config-operator', 'coreos-bootimages', '-o', 'jsonpath={.data.stream}'));
    expect(stream).toMatchObject({ stream: 'rhcos-4.18', release: PRACTICE_RELEASES['4.18'].rhcosBuild });
    expect(stream.arches.x86_64?.iso.sha256).toBe(createHash('sha256').update(readFileSync(isoPath)).digest('hex'));
    expect(new URL(stream.arches.x86_64!.iso.location).hostname).toBe('127.0.0.1');
  });

  it('the simulated kubelet: `get csr`, `certificate approve` client → Node NotReady + serving CSR → approve → Ready; `certificate deny` the bad ones', { timeout: 90_000 }, async () => {
    kubelet = await startPracticeKubelet({
      kube: cluster.kube,
      nodeName: NODE,
      address: '192.168.50.21',
      kubeletVersion: 'v1.31.6',
      otherNode: { name: 'sno-0.practice.example.com', address: '192.168.50.10' },
      readyAfterMs: 50,
      certPollMs: 20,
    });
    const { client, malformed } = kubelet.csrNames;
    expect(await csrRow(client)).toMatch(/kubernetes\.io\/kube-apiserver-client-kubelet\s+system:serviceaccount:openshift-machine-config-operator:node-bootstrapper\s+Pending$/);
    expect(await csrRow(malformed)).toMatch(/Pending$/);

    expect(await kubectl('certificate', 'approve', client)).toContain('approved');
    await until(() => kubelet!.phase === 'registered' && kubelet!.csrNames.impersonating, 'the kubelet registers its Node and posts its serving CSR');
    expect((await kubectl('get', 'nodes', NODE)).trim().split('\n')[1]).toMatch(new RegExp(`^${NODE.replace(/\./g, '\\.')}\\s+NotReady\\s+worker\\s`));
    const { serving, impersonating } = kubelet.csrNames;
    expect(await csrRow(serving!)).toMatch(new RegExp(`kubernetes\\.io/kubelet-serving\\s+system:node:${NODE.replace(/\./g, '\\.')}\\s+Pending$`));
    expect(await csrRow(impersonating!)).toMatch(/kubelet-serving.*Pending$/);

    expect(await kubectl('certificate', 'approve', serving!)).toContain('approved');
    await until(() => kubelet!.phase === 'ready', 'the node turns Ready once its serving certificate is issued');
    expect((await kubectl('get', 'nodes', NODE)).trim().split('\n')[1]).toMatch(/\s+Ready\s+worker\s+\S+\s+v1\.31\.6$/);
    expect(await csrRow(serving!)).toMatch(/Approved,Issued$/);

    expect(await kubectl('certificate', 'deny', malformed, impersonating!)).toContain('denied');
    expect(await csrRow(malformed)).toMatch(/Denied$/);
    expect(await csrRow(impersonating!)).toMatch(/Denied$/);
  });
});
