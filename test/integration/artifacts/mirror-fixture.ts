import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath } from '../../support/fixtures';
import { requirePeer } from '../../support/peers';
import { installerArchivePrefix } from '../../../shared/artifacts/openshift-install';
import { MiB, randomFile, sha256Hex } from './helpers';

/**
 * A mirror laid out like mirror.openshift.com (clients/ocp/<version|channel>/ with sha256sum.txt
 * and a real tar.gz made by GNU tar) whose openshift-install is a small script that prints a
 * stream document: the reference rhcos-stream.json with the x86_64/aarch64 ISO locations pointed
 * at this server and their real checksums.
 */
export interface MirrorFixture {
  version: string;
  isoSha: Record<'x86_64' | 'aarch64', string>;
  isoName: Record<'x86_64' | 'aarch64', string>;
  streamJson: string;
}

export function buildMirror(root: string, baseUrl: string, version = '4.16.3'): MirrorFixture {
  const stream = JSON.parse(readFileSync(fixturePath('rhcos', 'rhcos-stream.json'), 'utf8')) as {
    architectures: Record<string, { artifacts: { metal: { formats: { iso: { disk: { location: string; sha256: string } } } } } }>;
  };
  mkdirSync(join(root, 'rhcos'), { recursive: true });
  const isoSha = {} as MirrorFixture['isoSha'];
  const isoName = {} as MirrorFixture['isoName'];
  for (const arch of ['x86_64', 'aarch64'] as const) {
    const disk = stream.architectures[arch]!.artifacts.metal.formats.iso.disk;
    const name = disk.location.split('/').pop()!;
    isoName[arch] = name;
    isoSha[arch] = randomFile(join(root, 'rhcos', name), 3 * MiB);
    disk.location = `${baseUrl}/rhcos/${name}`;
    disk.sha256 = isoSha[arch];
  }
  const streamJson = JSON.stringify(stream, null, 2);

  const tar = requirePeer('tar', 'tar');
  const work = mkdtempSync(join(tmpdir(), 'sfk-installer-'));
  writeFileSync(join(work, 'README.md'), 'openshift-install test stand-in\n');
  writeFileSync(join(work, 'stream.json'), streamJson);
  const script = `#!/bin/sh
# Stand-in for openshift-install: only "coreos print-stream-json" and "version".
if [ "$1" = "coreos" ] && [ "$2" = "print-stream-json" ]; then
cat <<'STREAM_EOF'
${streamJson}
STREAM_EOF
exit 0
fi
if [ "$1" = "version" ]; then echo "openshift-install ${version}"; exit 0; fi
echo "unsupported: $*" >&2; exit 1
`;
  writeFileSync(join(work, 'openshift-install'), script);
  chmodSync(join(work, 'openshift-install'), 0o755);
  const prefix = installerArchivePrefix(process.platform, process.arch)!;
  const archiveName = `${prefix}-${version}.tar.gz`;
  for (const dir of [version, 'stable-4.16']) {
    const clientDir = join(root, 'clients', 'ocp', dir);
    mkdirSync(clientDir, { recursive: true });
    execFileSync(tar, ['-czf', join(clientDir, archiveName), '-C', work, 'README.md', 'openshift-install']);
    writeFileSync(join(clientDir, 'release.txt'), `Client tools for OpenShift\nName: ${version}\n`);
    // another platform's archive, which must not be picked
    copyFileSync(join(clientDir, archiveName), join(clientDir, `openshift-install-linux-arm64-${version}.tar.gz.bak`));
    const sums = [archiveName, 'release.txt'].map((f) => `${sha256Hex(readFileSync(join(clientDir, f)))}  ${f}`).sort((a, b) => a.slice(66).localeCompare(b.slice(66)));
    writeFileSync(join(clientDir, 'sha256sum.txt'), `${sums.join('\n')}\n`);
  }
  // 4.16.9: sha256sum.txt publishes a wrong checksum for the archive
  const bad = join(root, 'clients', 'ocp', '4.16.9');
  mkdirSync(bad, { recursive: true });
  execFileSync(tar, ['-czf', join(bad, `${prefix}-4.16.9.tar.gz`), '-C', work, 'README.md', 'openshift-install']);
  writeFileSync(join(bad, 'sha256sum.txt'), `${'0'.repeat(64)}  ${prefix}-4.16.9.tar.gz\n`);
  return { version, isoSha, isoName, streamJson };
}
