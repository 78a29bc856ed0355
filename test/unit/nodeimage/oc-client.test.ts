import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../../support/fixtures';
import { compareOcToCluster, parseOcVersion, pickOcLink, type ConsoleCliDownload } from '../../../shared/nodeimage/oc-client';
import { orderedJobKinds, platformSupportsNodeImage, supportsNodeImage } from '../../../shared/nodeimage/paths';

const cli = (f: string) => JSON.parse(readFileSync(fixturePath('node-image', 'console', f), 'utf8')) as ConsoleCliDownload;

describe('the oc link for this laptop in the ConsoleCLIDownload objects', () => {
  const current = cli('oc-cli-downloads-current.json');
  it('picks by the console operator link text for each laptop platform', () => {
    expect(pickOcLink([current], 'linux', 'x64')).toEqual({
      href: 'https://downloads-openshift-console.apps.sno1.example.com/amd64/linux/oc.tar',
      text: 'Download oc for Linux for x86_64',
      archive: 'tar',
      source: 'oc-cli-downloads',
    });
    expect(pickOcLink([current], 'darwin', 'arm64')).toMatchObject({ href: expect.stringContaining('/arm64/mac/oc.zip'), archive: 'zip' });
    expect(pickOcLink([current], 'win32', 'x64')).toMatchObject({ href: expect.stringContaining('/amd64/windows/oc.zip'), archive: 'zip' });
    expect(pickOcLink([current], 'linux', 'arm64')!.href).toContain('/arm64/linux/oc.tar');
  });

  it('the older object (no Mac ARM link) has nothing for an ARM Mac; unknown platforms get nothing', () => {
    const old = cli('oc-cli-downloads-controller-test.json');
    expect(pickOcLink([old], 'darwin', 'arm64')).toBeUndefined();
    expect(pickOcLink([old], 'linux', 'x64')!.href).toBe('https://www.example.com/amd64/linux/oc.tar');
    expect(pickOcLink([current], 'freebsd', 'x64')).toBeUndefined();
  });

  it('prefers oc-cli-downloads over other objects and falls back to the URL layout when the text differs', () => {
    const other: ConsoleCliDownload = {
      metadata: { name: 'helm-download-links' },
      spec: { displayName: 'helm', links: [{ href: 'https://x/helm-linux-amd64', text: 'Download helm for Linux for x86_64' }] },
    };
    const renamed: ConsoleCliDownload = { metadata: { name: 'oc-cli-downloads' }, spec: { links: [{ href: 'https://d.example/amd64/linux/oc.tar', text: 'oc (Linux, Intel)' }] } };
    expect(pickOcLink([other, renamed], 'linux', 'x64')!.href).toBe('https://d.example/amd64/linux/oc.tar');
  });
});

describe('oc version against the cluster', () => {
  it('reads releaseClientVersion, else gitVersion, else the plain text form', () => {
    expect(parseOcVersion('{"clientVersion":{"gitVersion":"v4.2.0-alpha.0-2406-g9f2f9a4"},"releaseClientVersion":"4.18.12"}')).toBe('4.18.12');
    expect(parseOcVersion('{"clientVersion":{"gitVersion":"4.17.0-202409111134.p0.gc0b7b3a.assembly.stream.el9-c0b7b3a"}}')).toBe('4.17.0');
    expect(parseOcVersion('Client Version: 4.16.3\nKustomize Version: v5.0.4')).toBe('4.16.3');
    expect(parseOcVersion('garbage')).toBeUndefined();
  });

  it('same minor is right, one minor newer is allowed, older or pre-4.17 is refused', () => {
    expect(compareOcToCluster('4.18.12', '4.18.3')).toEqual({ verdict: 'match', usable: true });
    expect(compareOcToCluster('4.19.0', '4.18.3')).toEqual({ verdict: 'newer', usable: true });
    expect(compareOcToCluster('4.21.0', '4.18.3')).toEqual({ verdict: 'newer', usable: false });
    expect(compareOcToCluster('4.17.9', '4.18.3')).toEqual({ verdict: 'older', usable: false });
    expect(compareOcToCluster('4.16.9', '4.16.3')).toEqual({ verdict: 'older', usable: false });
    expect(compareOcToCluster(undefined, '4.18.3')).toEqual({ verdict: 'unknown', usable: false });
  });
});

describe('which path to offer first', () => {
  it('node-image first from 4.17; unavailable below; in the middle while the version is unknown', () => {
    expect(orderedJobKinds('4.18.12')[0]).toEqual({ kind: 'nodeimage', available: true });
    expect(orderedJobKinds('4.17.0')[0]!.kind).toBe('nodeimage');
    expect(orderedJobKinds('4.16.9').find((k) => k.kind === 'nodeimage')).toEqual({ kind: 'nodeimage', available: false });
    expect(orderedJobKinds('4.16.9')[0]!.kind).toBe('assisted');
    expect(orderedJobKinds().map((k) => k.kind)).toEqual(['assisted', 'manual', 'nodeimage', 'console']);
    expect(supportsNodeImage('4.17')).toBe(true);
    expect(supportsNodeImage('4.9.1')).toBe(false);
    expect(platformSupportsNodeImage('BareMetal')).toBe(true);
    expect(platformSupportsNodeImage('AWS')).toBe(false);
  });
});
