import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, openSync, readFileSync, utimesSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { IsoService } from '../../../electron/services/iso/iso-service';
import { recordPath } from '../../../electron/services/iso/output-record';
import type { KnownSource } from '../../../electron/services/iso/known-source';
import { unpackFixtures, fileSha256, type FixtureSet } from '../../support/iso-fixtures';

/**
 * Issue #16: a customised copy costs about a `cp`: the source is not hashed again when the artifact
 * cache verified it, and the output's sha256 is computed only when something needs it — then
 * checked against what the copy must be, so a copy damaged after it was built is refused.
 */
let fx: FixtureSet;
beforeAll(() => {
  fx = unpackFixtures();
});
afterAll(() => fx.cleanup());

const name = 'embed-areas-2023-07.x86_64.iso';
const spec = { destDevice: '/dev/sda', destIgnition: JSON.stringify({ ignition: { version: '3.2.0' } }) };
/** A sha256 no real file here has: if it comes back, the service took the cache's word for it */
const CLAIMED = 'c'.repeat(64);

function serviceWith(known: KnownSource[]): IsoService {
  return new IsoService({ cacheDir: () => join(fx.dir, 'cache'), knownSources: async () => known });
}

describe('customising into a copy: hashes only when needed', () => {
  it('does not compute the output sha256 while building; computes it on first need, correctly, and remembers it', async () => {
    const source = fx.copy(name);
    const output = join(fx.dir, 'lazy-out.iso');
    const service = serviceWith([]);
    const result = await service.customize({ sourcePath: source, output: { mode: 'copy', path: output }, spec });
    expect(result.outputSha256).toBeUndefined();
    expect(result.sourceSha256).toBe(fileSha256(source));
    const record = JSON.parse(readFileSync(recordPath(output), 'utf8')) as { verified?: unknown; sourceSha256: string };
    expect(record.verified).toBeUndefined();
    expect(record.sourceSha256).toBe(fileSha256(source));

    const first = await service.outputSha256({ path: output });
    expect(first.sha256).toBe(fileSha256(output));
    expect(first.sha256).not.toBe(fileSha256(source));
    expect((JSON.parse(readFileSync(recordPath(output), 'utf8')) as { verified: { outputSha256: string } }).verified.outputSha256).toBe(first.sha256);
    expect((await service.outputSha256({ path: output })).sha256).toBe(first.sha256);
  });

  it('refuses a copy that lost data after it was built (as a crash before writeback could leave it)', async () => {
    const source = fx.copy(name);
    const output = join(fx.dir, 'torn-out.iso');
    const service = serviceWith([]);
    await service.customize({ sourcePath: source, output: { mode: 'copy', path: output }, spec });
    // a range outside the embed areas no longer holds what was copied
    const at = 8 * 4096;
    const torn = readFileSync(output)
      .subarray(at, at + 4096)
      .map((b) => b ^ 0xff);
    const fd = openSync(output, 'r+');
    writeSync(fd, torn, 0, torn.length, at);
    closeSync(fd);
    await expect(service.outputSha256({ path: output })).rejects.toMatchObject({ code: 'iso.outputDamaged' });
    await expect(service.outputSha256({ path: join(fx.dir, name) })).rejects.toMatchObject({ code: 'iso.outputUnverifiable' });
  });

  it('takes the sha256 of a source the cache verified without reading it again; the copy is still checked against it on use', async () => {
    const source = fx.copy(name);
    const size = readFileSync(source).length;
    const verifiedAt = new Date(Date.now() + 60_000).toISOString();
    const service = serviceWith([{ path: source, size, sha256: CLAIMED, verifiedAt }]);
    const output = join(fx.dir, 'known-out.iso');
    const result = await service.customize({ sourcePath: source, output: { mode: 'copy', path: output }, spec, expectedSourceSha256: CLAIMED });
    expect(result.sourceSha256).toBe(CLAIMED);
    // the claim was false (this test's doing): first use finds that the copy is not that source
    await expect(service.outputSha256({ path: output })).rejects.toMatchObject({ code: 'iso.outputDamaged' });
  });

  it('hashes the source when the cache has not verified it: changed since, another size, another file or another sha256 expected', async () => {
    const source = fx.copy(name);
    const real = fileSha256(source);
    const size = readFileSync(source).length;
    const later = new Date(Date.now() + 60_000).toISOString();
    const cases: { known: KnownSource[]; expected?: string }[] = [
      { known: [{ path: source, size, sha256: CLAIMED, verifiedAt: new Date(0).toISOString() }] },
      { known: [{ path: source, size: size + 1, sha256: CLAIMED, verifiedAt: later }] },
      { known: [{ path: join(fx.dir, name), size, sha256: CLAIMED, verifiedAt: later }] },
      { known: [{ path: source, size, sha256: CLAIMED, verifiedAt: later }], expected: real },
    ];
    utimesSync(source, new Date(), new Date());
    for (const [i, c] of cases.entries()) {
      const output = join(fx.dir, `rehash-${i}.iso`);
      const r = await serviceWith(c.known).customize({ sourcePath: source, output: { mode: 'copy', path: output }, spec, ...(c.expected ? { expectedSourceSha256: c.expected } : {}) });
      expect(r.sourceSha256).toBe(real);
      expect((await serviceWith([]).outputSha256({ path: output })).sha256).toBe(fileSha256(output));
    }
    // and a source that does not match the expected sha256 still leaves nothing behind
    const refused = join(fx.dir, 'refused.iso');
    await expect(serviceWith([]).customize({ sourcePath: source, output: { mode: 'copy', path: refused }, spec, expectedSourceSha256: CLAIMED })).rejects.toMatchObject({
      code: 'iso.sourceChecksumMismatch',
    });
    expect(existsSync(refused)).toBe(false);
    expect(existsSync(recordPath(refused))).toBe(false);
  });
});
