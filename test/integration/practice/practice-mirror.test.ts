import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStream } from '../../../shared/artifacts/rhcos-stream';
import { parseSha256Sums } from '../../../shared/artifacts/openshift-install';
import { ArtifactService } from '../../../electron/services/artifacts/artifact-service';
import type { PracticeKit } from '../../../electron/practice/practice-kit';
import { liveIso, sha256, startKit } from './kit';

let kit: PracticeKit;
beforeAll(async () => {
  ({ kit } = await startKit());
});
afterAll(async () => {
  await kit?.close();
});

/** An artifact cache pointed at the practice mirror, with a short stall timeout so a stalled transfer is dropped quickly. */
function cache(): ArtifactService {
  const dir = mkdtempSync(join(tmpdir(), 'sfk-practice-cache-'));
  return new ArtifactService({
    cacheDir: () => join(dir, 'cache'),
    dataDir: dir,
    env: {},
    settingsOverrides: kit.artifactsOverrides,
    engine: { stallTimeoutMs: 400, backoffBaseMs: 10, backoffCapMs: 40, reserveBytes: 0 },
  });
}

async function streamFromInstallerFolder() {
  const text = await (await fetch(`${kit.mirror.mirrorBaseUrl}/x86_64/dependencies/rhcos/4.18/418.94.202501010000-0/stream.json`)).text();
  return parseStream(text);
}

describe('the practice mirror (issue 15)', () => {
  it('serves a stream document the app parses, whose ISO is the real live ISO with its real sha256, on 127.0.0.1', async () => {
    const stream = await streamFromInstallerFolder();
    const iso = stream.arches.x86_64!.iso;
    expect(new URL(iso.location).hostname).toBe('127.0.0.1');
    expect(iso.sha256).toBe(sha256(liveIso()));
    const served = Buffer.from(await (await fetch(iso.location)).arrayBuffer());
    expect(served.subarray(0x8001, 0x8006).toString('ascii')).toBe('CD001');
    expect(sha256(served)).toBe(iso.sha256);
  });

  it('publishes openshift-install as a tar.gz listed in sha256sum.txt with its real checksum', async () => {
    const dir = `${kit.mirror.mirrorBaseUrl}/clients/ocp/stable-4.18/`;
    const { sums, badLines } = parseSha256Sums(await (await fetch(`${dir}sha256sum.txt`)).text());
    expect(badLines).toEqual([]);
    const [name, sum] = [...sums].find(([n]) => n.startsWith('openshift-install-linux-4.'))!;
    const archive = Buffer.from(await (await fetch(dir + name)).arrayBuffer());
    expect(archive.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(sha256(archive)).toBe(sum);
  });

  it('downloads the RHCOS ISO and verifies it against the published sha256', async () => {
    const stream = await streamFromInstallerFolder();
    const entry = stream.arches.x86_64!;
    const artifact = await cache().download({ url: entry.iso.location, sha256: entry.iso.sha256, kind: 'rhcos-iso', version: entry.release });
    expect(artifact).toMatchObject({ sha256: sha256(liveIso()), checkedAgainstPublished: true, size: liveIso().length });
    expect(sha256(readFileSync(artifact.path))).toBe(entry.iso.sha256);
  });

  it('with "simulate a flaky link" on, a cut and a stalled transfer are resumed with Range and the file still verifies', async () => {
    const stream = await streamFromInstallerFolder();
    const entry = stream.arches.x86_64!;
    const path = new URL(entry.iso.location).pathname;
    kit.mirror.setFlakyLink(true);
    const before = kit.mirror.requests.length;
    try {
      const artifact = await cache().download({ url: entry.iso.location, sha256: entry.iso.sha256, kind: 'rhcos-iso' });
      expect(artifact.sha256).toBe(sha256(liveIso()));
    } finally {
      kit.mirror.setFlakyLink(false);
    }
    const transfers = kit.mirror.requests.slice(before).filter((r) => r.path === path);
    expect(transfers.map((t) => t.fault)).toEqual(['cut', 'stall', undefined]);
    // The second and third transfers start where the previous one stopped, not at zero.
    const starts = transfers.map((t) => Number(/^bytes=(\d+)-$/.exec(t.range ?? '')?.[1] ?? 0));
    expect(starts[0]).toBe(0);
    expect(starts[1]).toBeGreaterThan(0);
    expect(starts[2]).toBeGreaterThan(starts[1]!);
    expect(transfers.slice(1).map((t) => t.status)).toEqual([206, 206]);
  });
});
