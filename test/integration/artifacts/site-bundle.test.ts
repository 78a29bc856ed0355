import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import type { BundleProgress } from '../../../shared/api/domains/artifacts';
import { ArtifactService } from '../../../electron/services/artifacts/artifact-service';
import { startKubeApiSimulator, type KubeApiSimulator } from '../../../electron/services/simulators/kube-api-simulator';
import { startNginx, type NginxServer } from './nginx-server';
import { buildMirror, type MirrorFixture } from './mirror-fixture';
import { fastEngine } from './helpers';

let nginx: NginxServer;
let mirror: MirrorFixture;
let kube: KubeApiSimulator;

beforeAll(async () => {
  nginx = await startNginx();
  mirror = buildMirror(nginx.root, nginx.url);
  kube = await startKubeApiSimulator({
    configMaps: [{ namespace: 'openshift-machine-config-operator', name: 'coreos-bootimages', data: { stream: mirror.streamJson } }],
  });
});
afterAll(async () => {
  await kube?.close();
  await nginx?.stop();
});

async function service(settings: { rhcosBaseUrl?: string } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'sfk-bundle-'));
  const bundles: BundleProgress[] = [];
  const { readClusterStreamWith } = await import('../../../electron/services/artifacts/cluster-stream');
  const { openKubeAccess } = await import('../../../electron/services/cluster/kube-access');
  const s = new ArtifactService({
    cacheDir: () => join(dataDir, 'cache'),
    dataDir,
    env: {},
    engine: fastEngine,
    emitBundle: (p) => bundles.push(p),
    readClusterStream: readClusterStreamWith(openKubeAccess),
  });
  await s.settings.update({ mirrorBaseUrl: nginx.url, ...settings });
  return { s, bundles, dataDir };
}

describe('prepare for a site visit (mirror on nginx)', () => {
  it('fetches openshift-install for a channel, its stream and the target ISO, all verified, with one combined progress', async () => {
    const { s, bundles } = await service();
    const { done } = s.bundles.start({ versionOrChannel: 'stable-4.16', arch: 'aarch64', jobId: 'job-7' });
    const final = await done;
    expect(final).toMatchObject({ state: 'done', version: mirror.version, arch: 'aarch64', stepIndex: 3, steps: 3 });
    expect(final.error).toBeUndefined();
    expect(bundles.map((b) => b.step)).toEqual(expect.arrayContaining(['installer', 'stream', 'iso']));
    const byteCounts = bundles.filter((b) => b.state === 'running').map((b) => b.bytes);
    expect(byteCounts).toEqual([...byteCounts].sort((a, b) => a - b)); // combined progress never goes back
    expect(final.total).toBe(final.bytes);

    const list = await s.list();
    const installer = list.find((a) => a.kind === 'openshift-install')!;
    const stream = list.find((a) => a.kind === 'stream')!;
    const iso = list.find((a) => a.kind === 'rhcos-iso')!;
    expect(installer).toMatchObject({ version: mirror.version, checkedAgainstPublished: true, jobs: ['job-7'] });
    expect(execFileSync(installer.unpackedPath!, ['version'], { encoding: 'utf8' })).toContain(mirror.version);
    expect(stream.name).toMatch(/^rhcos-4\.21-/);
    expect(stream.sourceUrl).toBe(`openshift-install ${mirror.version} coreos print-stream-json`);
    expect(iso).toMatchObject({ name: mirror.isoName.aarch64, sha256: mirror.isoSha.aarch64, arch: 'aarch64', checkedAgainstPublished: true });
    expect(final.artifacts).toEqual([installer.id, stream.id, iso.id]);

    // Offline afterwards: nothing needs the network for the same bundle again.
    const again = await s.bundles.start({ versionOrChannel: mirror.version, arch: 'aarch64', streamSource: { type: 'installer', version: mirror.version } }).done;
    expect(again.state).toBe('done');
  });

  it('fails with quarantine when sha256sum.txt does not match the archive', async () => {
    const { s } = await service();
    const final = await s.bundles.start({ versionOrChannel: '4.16.9', arch: 'x86_64' }).done;
    expect(final.state).toBe('failed');
    expect(final.error?.code).toBe('artifacts.checksumMismatch');
    expect(final.error?.message).toContain('0'.repeat(64));
    expect(await s.list()).toEqual([]);
  });

  it('explains an unknown version (404 on sha256sum.txt) and an invalid one', async () => {
    const { s } = await service();
    const missing = await s.bundles.start({ versionOrChannel: '4.15.1', arch: 'x86_64' }).done;
    expect(missing.error?.code).toBe('artifacts.notFound');
    const invalid = await s.bundles.start({ versionOrChannel: 'newest please', arch: 'x86_64' }).done;
    expect(invalid.error?.code).toBe('artifacts.versionInvalid');
    expect(AppError.fromWire(invalid.error!).localized('zh-CN')).toContain('stable-4.16');
  });

  it('reads the stream from the cluster ConfigMap (fake Kubernetes API) and from a file', async () => {
    const { s, dataDir } = await service();
    const kubeconfig = join(dataDir, 'kubeconfig');
    kube.writeKubeconfig(kubeconfig);
    const fromCluster = await s.loadStream({ type: 'cluster', kubeconfigPath: kubeconfig });
    expect(fromCluster.parsed.arches.x86_64?.iso.sha256).toBe(mirror.isoSha.x86_64);
    expect(fromCluster.artifact).toMatchObject({ kind: 'stream', sourceUrl: 'ConfigMap openshift-machine-config-operator/coreos-bootimages' });

    const file = join(dataDir, 'stream.json');
    writeFileSync(file, mirror.streamJson);
    expect((await s.loadStream({ type: 'file', path: file })).parsed.release).toBe(fromCluster.parsed.release);
    writeFileSync(file, '{"stream": "x", "architectures": {}}');
    const err = await s.loadStream({ type: 'file', path: file }).catch((e: unknown) => e as AppError);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('artifacts.streamInvalid');
    const none = await s.loadStream({ type: 'installer' }).catch((e: unknown) => e as AppError);
    expect((none as AppError).code).toBe('artifacts.installerMissing');
  });

  it('fetches the ISO from a configured local RHCOS folder, still checked against the stream', async () => {
    const { s, dataDir } = await service({ rhcosBaseUrl: `${nginx.url}/rhcos` });
    const file = join(dataDir, 'stream.json');
    // a stream whose ISO host is unreachable: only the override can work
    writeFileSync(file, mirror.streamJson.replaceAll(nginx.url, 'https://rhcos.mirror.invalid'));
    const final = await s.bundles.start({ versionOrChannel: mirror.version, arch: 'x86_64', streamSource: { type: 'file', path: file } }).done;
    expect(final.state).toBe('done');
    const iso = (await s.list()).find((a) => a.kind === 'rhcos-iso')!;
    expect(iso.sha256).toBe(mirror.isoSha.x86_64);
    expect(iso.sourceUrl).toBe(`${nginx.url}/rhcos/${mirror.isoName.x86_64}`);
    expect(existsSync(iso.path)).toBe(true);
  });
});
