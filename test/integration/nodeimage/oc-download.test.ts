import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ArtifactService } from '../../../electron/services/artifacts/artifact-service';
import { openKubeAccess } from '../../../electron/services/cluster/kube-access';
import { fetchClusterOc, findClusterOc, ingressCa } from '../../../electron/services/nodeimage/cluster-oc';
import { startPracticeCluster, type PracticeCluster } from '../../../electron/practice/practice-cluster';
import { liveIso, standinOcPath } from '../../support/nodeimage';

const run = promisify(execFile);
const KUBECTL = resolve(import.meta.dirname, '../../../.cache/peers/kubectl');

/**
 * The cluster's own oc: found in its ConsoleCLIDownload objects on the Kubernetes simulator,
 * downloaded from the local downloads route (TLS-verified with the ingress CA read from the
 * cluster) through the real artifact cache, resumed after a stall, unpacked, version-checked, and
 * reused offline.
 */
describe('oc from the cluster: ConsoleCLIDownload discovery and download', () => {
  let dir: string;
  let cluster: PracticeCluster;
  let artifacts: ArtifactService;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sfk-oc-dl-'));
    cluster = await startPracticeCluster({ dir, standinPath: standinOcPath, baseIsoPath: liveIso(dir), version: '4.18.12', stallFirstAfterBytes: 1500 });
    artifacts = new ArtifactService({ cacheDir: () => join(dir, 'cache'), dataDir: dir, env: {}, engine: { backoffBaseMs: 10, backoffCapMs: 50, stallTimeoutMs: 400 } });
  }, 60_000);
  afterAll(async () => {
    await cluster?.close();
  });

  it('kubectl 1.20 lists the ConsoleCLIDownload and reads the ClusterVersion 4.18 of the simulator', async () => {
    if (!existsSync(KUBECTL)) throw new Error(`kubectl 1.20 missing at ${KUBECTL}: run npm run setup:peers`);
    const args = ['--kubeconfig', cluster.kubeconfig, '--cache-dir', join(dir, 'kcache')];
    const table = (await run(KUBECTL, [...args, 'get', 'consoleclidownloads'])).stdout.trim().split('\n');
    expect(table[0]!.split(/\s{2,}/)).toEqual(['NAME', 'DISPLAY NAME', 'AGE']);
    expect(table[1]).toMatch(/^oc-cli-downloads\s+oc - OpenShift Command Line Interface \(CLI\)/);
    const href = (await run(KUBECTL, [...args, 'get', 'consoleclidownload', 'oc-cli-downloads', '-o', 'jsonpath={.spec.links[0].href}'])).stdout;
    expect(href).toBe(`${cluster.downloads.url}/amd64/linux/oc.tar`);
    const version = (await run(KUBECTL, [...args, 'get', 'clusterversion', 'version', '-o', 'jsonpath={.status.desired.version}'])).stdout;
    expect(version).toBe('4.18.12');
  }, 90_000);

  it('finds the link for this laptop and the ingress CA, over the authenticated API', async () => {
    const access = await openKubeAccess({ kubeconfigPath: cluster.kubeconfig });
    const { choice } = await findClusterOc(access, { platform: 'linux', arch: 'x64' });
    expect(choice).toMatchObject({ href: `${cluster.downloads.url}/amd64/linux/oc.tar`, archive: 'tar', source: 'oc-cli-downloads' });
    expect(await ingressCa(access)).toEqual([cluster.downloads.caPem]);
    expect((await findClusterOc(access, { platform: 'aix', arch: 'ppc64' })).choice).toBeUndefined();
  });

  it('downloads it through the cache (resuming after a stalled transfer), unpacks it and checks its version', async () => {
    const access = await openKubeAccess({ kubeconfigPath: cluster.kubeconfig });
    const info = await fetchClusterOc({ artifacts, access, clusterVersion: '4.18.12', jobId: 'job-oc-1', laptop: { platform: 'linux', arch: 'x64' } });
    expect(info).toMatchObject({ source: 'cluster', version: '4.18.12', verdict: 'match', usable: true, href: `${cluster.downloads.url}/amd64/linux/oc.tar` });
    // the binary is the stand-in, byte for byte, executable
    expect(readFileSync(info.path).equals(readFileSync(standinOcPath))).toBe(true);
    expect(statSync(info.path).mode & 0o111).not.toBe(0);
    // the first transfer stalled; the engine dropped it and resumed with a Range request
    const tarRequests = cluster.downloads.requests.filter((r) => r.path === '/amd64/linux/oc.tar');
    expect(tarRequests.map((r) => r.status)).toEqual([200, 206]);
    const cached = await artifacts.get(info.artifactId!);
    expect(cached).toMatchObject({ kind: 'oc', version: '4.18.12', unpackedPath: info.path, jobs: ['job-oc-1'] });
    expect(cached!.sha256).toBe(info.sha256);
  }, 60_000);

  it('offline: a second fetch uses the cached copy without touching the network', async () => {
    const access = await openKubeAccess({ kubeconfigPath: cluster.kubeconfig });
    const before = cluster.downloads.requests.length;
    const again = await fetchClusterOc({ artifacts, access, clusterVersion: '4.18.12', jobId: 'job-oc-2', laptop: { platform: 'linux', arch: 'x64' } });
    expect(cluster.downloads.requests.length).toBe(before);
    expect(again.usable).toBe(true);
    expect((await artifacts.get(again.artifactId!))!.jobs).toEqual(['job-oc-1', 'job-oc-2']);
  });

  it('the zip for macOS is unpacked too, and an oc of the wrong version is reported as not usable', async () => {
    const access = await openKubeAccess({ kubeconfigPath: cluster.kubeconfig });
    const info = await fetchClusterOc({ artifacts, access, clusterVersion: '4.20.1', jobId: 'job-oc-3', laptop: { platform: 'darwin', arch: 'arm64' } });
    expect(info.href).toContain('/arm64/mac/oc.zip');
    expect(readFileSync(info.path).equals(readFileSync(standinOcPath))).toBe(true);
    // the stand-in reports 4.18.12, older than the 4.20 cluster
    expect(info).toMatchObject({ version: '4.18.12', verdict: 'older', usable: false });
  });

  it('without the ingress CA the download is refused: TLS is never skipped', async () => {
    const access = await openKubeAccess({ kubeconfigPath: cluster.kubeconfig });
    const other = new ArtifactService({ cacheDir: () => join(dir, 'cache2'), dataDir: join(dir, 'd2'), env: {}, engine: { backoffBaseMs: 10, backoffCapMs: 20, maxAttempts: 2 } });
    await expect(fetchClusterOc({ artifacts: other, access, clusterVersion: '4.18.12', jobId: 'job-oc-4', laptop: { platform: 'linux', arch: 'x64' }, ca: [] })).rejects.toMatchObject({ code: 'artifacts.tls' });
  }, 60_000);
});
