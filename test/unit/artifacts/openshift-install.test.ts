import { describe, expect, it } from 'vitest';
import { clientDirUrl, installerArchivePrefix, parseSha256Sums, parseVersionOrChannel, pickInstallerArchive } from '../../../shared/artifacts/openshift-install';

const SUMS = [
  `${'a'.repeat(64)}  openshift-client-linux-4.16.3.tar.gz`,
  `${'b'.repeat(64)}  openshift-install-linux-4.16.3.tar.gz`,
  `${'c'.repeat(64)}  openshift-install-linux-arm64-4.16.3.tar.gz`,
  `${'d'.repeat(64)}  openshift-install-mac-4.16.3.tar.gz`,
  `${'E'.repeat(64)}  openshift-install-mac-arm64-4.16.3.tar.gz`,
  `${'f'.repeat(64)}  release.txt`,
  '',
].join('\n');

describe('openshift-install on the mirror', () => {
  it.each([
    ['4.16.3', { kind: 'version', dir: '4.16.3' }],
    ['4.17.0-rc.2', { kind: 'version', dir: '4.17.0-rc.2' }],
    [' stable-4.16 ', { kind: 'channel', dir: 'stable-4.16' }],
    ['latest-4.15', { kind: 'channel', dir: 'latest-4.15' }],
    ['candidate-4.18', { kind: 'channel', dir: 'candidate-4.18' }],
    ['stable', { kind: 'channel', dir: 'stable' }],
  ])('accepts %s', (input, expected) => expect(parseVersionOrChannel(input)).toEqual(expected));

  it.each(['4.16', 'v4.16.3', 'latest-4', '../4.16.3', 'stable-4.16/..', ''])('rejects %j', (input) => expect(parseVersionOrChannel(input)).toBeNull());

  it('picks the archive for the laptop platform, exactly (linux must not pick linux-arm64)', () => {
    const { sums, badLines } = parseSha256Sums(SUMS);
    expect(badLines).toEqual([]);
    expect(pickInstallerArchive(sums, installerArchivePrefix('linux', 'x64')!)).toEqual({ fileName: 'openshift-install-linux-4.16.3.tar.gz', version: '4.16.3', sha256: 'b'.repeat(64) });
    expect(pickInstallerArchive(sums, installerArchivePrefix('linux', 'arm64')!)?.sha256).toBe('c'.repeat(64));
    expect(pickInstallerArchive(sums, installerArchivePrefix('darwin', 'x64')!)?.fileName).toBe('openshift-install-mac-4.16.3.tar.gz');
    expect(pickInstallerArchive(sums, installerArchivePrefix('darwin', 'arm64')!)?.sha256).toBe('e'.repeat(64));
    expect(installerArchivePrefix('win32', 'x64')).toBeNull();
  });

  it('reports malformed sha256sum.txt lines instead of guessing', () => {
    const { sums, badLines } = parseSha256Sums(`${'a'.repeat(64)}  ok.tar.gz\nnot a checksum line\n${'b'.repeat(63)}  short.tar.gz\n`);
    expect([...sums.keys()]).toEqual(['ok.tar.gz']);
    expect(badLines).toEqual([2, 3]);
  });

  it('builds the client folder URL', () => {
    expect(clientDirUrl('https://mirror.openshift.com/pub/openshift-v4/', 'stable-4.16')).toBe('https://mirror.openshift.com/pub/openshift-v4/clients/ocp/stable-4.16/');
  });
});
