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
import { startKubeApiSimulator } from '../../../electron/services/simulators/kube-api-simulator';
import { ocCliDownloadsObject } from '../../../electron/services/simulators/kube-api-console';
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

  it('an oc cached from one cluster (the practice stand-in included) is never reused for another cluster of the same version', async () => {
    // Was: cached as oc-4.18.12-linux-x64.tar, so cluster B got cluster A's binary, run with B's kubeconfig.
    const other = await startPracticeCluster({ dir: join(dir, 'b'), standinPath: standinOcPath, baseIsoPath: liveIso(dir), version: '4.18.12' });
    try {
      const accessA = await openKubeAccess({ kubeconfigPath: cluster.kubeconfig });
      const fromA = await fetchClusterOc({ artifacts, access: accessA, clusterVersion: '4.18.12', clusterId: 'cluster-a', jobId: 'job-a', laptop: { platform: 'linux', arch: 'x64' } });
      const accessB = await openKubeAccess({ kubeconfigPath: other.kubeconfig });
      const fromB = await fetchClusterOc({ artifacts, access: accessB, clusterVersion: '4.18.12', clusterId: 'cluster-b', jobId: 'job-b', laptop: { platform: 'linux', arch: 'x64' } });
      expect(other.downloads.requests.filter((r) => r.path === '/amd64/linux/oc.tar').map((r) => r.status)).toEqual([200]);
      expect(fromB.artifactId).not.toBe(fromA.artifactId);
      expect(fromB.path).not.toBe(fromA.path);
      expect(fromB.href).toBe(`${other.downloads.url}/amd64/linux/oc.tar`);
    } finally {
      await other.close();
    }
  }, 60_000);

  it('an oc link that is not https is refused before anything is downloaded or run', async () => {
    let hits = 0;
    const { createServer } = await import('node:http');
    const plain = createServer((_req, res) => {
      hits += 1;
      res.end('#!/bin/sh\necho pwned\n');
    });
    await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
    const port = (plain.address() as { port: number }).port;
    const kube = await startKubeApiSimulator({ clusterVersion: { version: '4.18.12' }, consoleCliDownloads: [ocCliDownloadsObject(`http://127.0.0.1:${port}`)] });
    try {
      const kubeconfig = join(dir, 'http-kubeconfig');
      kube.writeKubeconfig(kubeconfig, { contextName: 'http' });
      const access = await openKubeAccess({ kubeconfigPath: kubeconfig });
      await expect(fetchClusterOc({ artifacts, access, clusterVersion: '4.18.12', jobId: 'job-http', laptop: { platform: 'linux', arch: 'x64' }, ca: [] })).rejects.toMatchObject({
        code: 'nodeimage.ocLinkNotHttps',
        params: { href: `http://127.0.0.1:${port}/amd64/linux/oc.tar` },
      });
      expect(hits).toBe(0);
    } finally {
      await kube.close();
      await new Promise((r) => plain.close(r));
    }
  });

  it('without the ingress CA the download is refused: TLS is never skipped', async () => {
    const access = await openKubeAccess({ kubeconfigPath: cluster.kubeconfig });
    const other = new ArtifactService({ cacheDir: () => join(dir, 'cache2'), dataDir: join(dir, 'd2'), env: {}, engine: { backoffBaseMs: 10, backoffCapMs: 20, maxAttempts: 2 } });
    await expect(fetchClusterOc({ artifacts: other, access, clusterVersion: '4.18.12', jobId: 'job-oc-4', laptop: { platform: 'linux', arch: 'x64' }, ca: [] })).rejects.toMatchObject({
      code: 'artifacts.tls',
    });
  }, 60_000);
});
