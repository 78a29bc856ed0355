import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { IsoService } from '../../../electron/services/iso/iso-service';
import { openIsoVolume, SECTOR } from '../../../shared/iso/iso9660';
import { bytesReader } from '../../../shared/iso/byte-reader';
import { AppError } from '../../../shared/api/errors';
import { unpackFixtures, fileSha256, type FixtureSet } from '../../support/iso-fixtures';

let fx: FixtureSet;
let service: IsoService;
const NAME = 'embed-areas-2023-07.x86_64.iso';
const spec = { destDevice: '/dev/sda', destIgnition: '{"ignition":{"version":"3.2.0"}}' };

beforeAll(() => {
  fx = unpackFixtures();
  service = new IsoService({ cacheDir: () => join(fx.dir, 'cache') });
});
afterAll(() => fx.cleanup());

/** Byte offset of the root directory record named `name` (ISO 9660 record layout). */
async function rootRecordOffset(image: Buffer, name: string): Promise<{ at: number; rootLba: number }> {
  const vol = await openIsoVolume(bytesReader(new Uint8Array(image)));
  const root = vol.root.offset;
  for (let at = root; at < root + vol.root.length;) {
    const len = image[at]!;
    if (len === 0) {
      at = (Math.floor(at / SECTOR) + 1) * SECTOR;
      continue;
    }
    const n = image.subarray(at + 33, at + 33 + image[at + 32]!).toString('latin1');
    if (n === name) return { at, rootLba: root / SECTOR };
    at += len;
  }
  throw new Error(`${name} not in root`);
}

async function expectRefused(path: string, code: string, params?: Record<string, unknown>): Promise<AppError> {
  const hash = fileSha256(path);
  const outDir = join(fx.dir, `out-${code}-${Math.random().toString(36).slice(2)}`);
  const errors: unknown[] = [];
  for (const output of [{ mode: 'copy' as const, path: join(outDir, 'x.iso') }, { mode: 'inPlace' as const }]) {
    errors.push(await service.customize({ sourcePath: path, output, spec }).catch((e: unknown) => e));
  }
  errors.push(await service.inspect(path).catch((e: unknown) => e));
  for (const err of errors) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe(code);
    if (params) expect((err as AppError).params).toMatchObject(params);
    // Clear in both languages, with no placeholder left unfilled.
    expect((err as AppError).message).not.toMatch(/\{\{|iso\.errors/);
    expect((err as AppError).localized('zh-CN')).not.toMatch(/\{\{|iso\.errors/);
  }
  // Never written: the file is byte-identical and no output (not even a partial) exists.
  expect(fileSha256(path)).toBe(hash);
  expect(() => readdirSync(outDir)).toThrow();
  return errors[0] as AppError;
}

describe('malformed ISOs are refused with a clear error and never written', () => {
  it('truncated image', async () => {
    const path = fx.copy(NAME);
    truncateSync(path, 600_000);
    await expectRefused(path, 'iso.truncated', { actual: 600_000 });
  });

  it('truncated below the volume descriptors', async () => {
    const path = fx.copy(NAME);
    truncateSync(path, 20_000);
    await expectRefused(path, 'iso.notIso');
  });

  it('wrong magic', async () => {
    const path = fx.copy(NAME);
    const image = readFileSync(path);
    image.write('XX001', 16 * SECTOR + 1, 'latin1');
    writeFileSync(path, image);
    const err = await expectRefused(path, 'iso.notIso');
    expect(err.message).toContain('CD001');
  });

  it('a directory loop (COREOS pointing back at the root directory)', async () => {
    const path = fx.copy(NAME);
    const image = readFileSync(path);
    const { at, rootLba } = await rootRecordOffset(image, 'COREOS');
    image.writeUInt32LE(rootLba, at + 2);
    image.writeUInt32BE(rootLba, at + 6);
    writeFileSync(path, image);
    await expectRefused(path, 'iso.directoryLoop');
  });

  it('a directory extent beyond the end of the file', async () => {
    const path = fx.copy(NAME);
    const image = readFileSync(path);
    const { at } = await rootRecordOffset(image, 'IMAGES');
    image.writeUInt32LE(100_000, at + 2);
    writeFileSync(path, image);
    await expectRefused(path, 'iso.truncated');
  });

  it('an ISO that is not CoreOS', async () => {
    const path = fx.copy(NAME);
    const image = readFileSync(path);
    for (const dir of ['COREOS', 'IMAGES']) image.write('X', (await rootRecordOffset(image, dir)).at + 33, 'latin1');
    writeFileSync(path, image);
    await expectRefused(path, 'iso.notCoreos');
  });

  it('an oversize payload (random, so compression cannot save it)', async () => {
    const path = fx.copy(NAME);
    const hash = fileSha256(path);
    const huge = { ...spec, destIgnition: JSON.stringify({ ignition: { version: '3.2.0' }, pad: randomBytes(300_000).toString('base64') }) };
    for (const output of [{ mode: 'copy' as const, path: join(fx.dir, 'huge.iso') }, { mode: 'inPlace' as const }]) {
      const err = await service.customize({ sourcePath: path, output, spec: huge }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'iso.payloadTooLarge', params: { capacity: 262144 } });
    }
    expect(fileSha256(path)).toBe(hash);
    expect(readdirSync(fx.dir).filter((f) => f.startsWith('huge') || f.includes('.partial'))).toEqual([]);
  });
});

describe('refusals before writing', () => {
  it('a minimal ISO (no images/pxeboot/rootfs.img) unless explicitly allowed', async () => {
    const path = fx.copy(NAME);
    const image = readFileSync(path);
    const at = image.indexOf('ROOTFS.IMG;1', 0, 'latin1');
    expect(at).toBeGreaterThan(0);
    image.write('X', at, 'latin1');
    writeFileSync(path, image);
    const hash = fileSha256(path);
    expect((await service.inspect(path)).minimal).toBe(true);
    await expect(service.customize({ sourcePath: path, output: { mode: 'inPlace' }, spec })).rejects.toMatchObject({ code: 'iso.minimalIso' });
    expect(fileSha256(path)).toBe(hash);
    const allowed = await service.customize({ sourcePath: path, output: { mode: 'inPlace' }, spec, allowMinimal: true });
    expect(allowed.inspection.initrd.ignition).toBeDefined();
  });

  it('an already customised ISO needs force', async () => {
    const path = fx.copy(NAME);
    await service.customize({ sourcePath: path, output: { mode: 'inPlace' }, spec });
    const hash = fileSha256(path);
    await expect(service.customize({ sourcePath: path, output: { mode: 'inPlace' }, spec })).rejects.toMatchObject({ code: 'iso.alreadyCustomized' });
    expect(fileSha256(path)).toBe(hash);
    const forced = await service.customize({ sourcePath: path, output: { mode: 'inPlace' }, spec: { ...spec, destDevice: '/dev/sdc' }, force: true });
    expect(forced.inspection.initrd.ignition).toBeDefined();
  });

  it('bad destination disk, bad keyfile names, kargs too long', async () => {
    const path = join(fx.dir, NAME);
    const out = { mode: 'copy' as const, path: join(fx.dir, 'never.iso') };
    await expect(service.customize({ sourcePath: path, output: out, spec: { ...spec, destDevice: 'sda' } })).rejects.toMatchObject({ code: 'iso.badDestDevice' });
    await expect(service.customize({ sourcePath: path, output: out, spec: { ...spec, keyfiles: [{ fileName: '../x', content: '' }] } })).rejects.toMatchObject({ code: 'iso.badKeyfileName' });
    await expect(
      service.customize({
        sourcePath: path,
        output: out,
        spec: {
          ...spec,
          keyfiles: [
            { fileName: 'a.nmconnection', content: '' },
            { fileName: 'a.nmconnection', content: '' },
          ],
        },
      }),
    ).rejects.toMatchObject({ code: 'iso.duplicateKeyfile' });
    await expect(service.customize({ sourcePath: path, output: out, spec: { ...spec, kargsAppend: ['x'.repeat(1200)] } })).rejects.toMatchObject({ code: 'iso.kargsTooLong' });
    await expect(service.customize({ sourcePath: path, output: out, spec: { ...spec, destIgnition: '{nope' } })).rejects.toMatchObject({ code: 'iso.badDestIgnition' });
    expect(readdirSync(fx.dir)).not.toContain('never.iso');
  });

  it('output over the source, an existing output, a wrong source checksum', async () => {
    const path = fx.copy(NAME);
    await expect(service.customize({ sourcePath: path, output: { mode: 'copy', path }, spec })).rejects.toMatchObject({ code: 'iso.outputIsSource' });
    const existing = fx.copy(NAME);
    const hash = fileSha256(existing);
    await expect(service.customize({ sourcePath: path, output: { mode: 'copy', path: existing }, spec })).rejects.toMatchObject({ code: 'iso.outputExists' });
    expect(fileSha256(existing)).toBe(hash);
    const target = join(fx.dir, 'checked.iso');
    await expect(service.customize({ sourcePath: path, output: { mode: 'copy', path: target }, spec, expectedSourceSha256: '0'.repeat(64) })).rejects.toMatchObject({
      code: 'iso.sourceChecksumMismatch',
    });
    expect(readdirSync(fx.dir).filter((f) => f.startsWith('checked') || f.includes('.partial'))).toEqual([]);
    await expect(service.inspect(join(fx.dir, 'missing.iso'))).rejects.toMatchObject({ code: 'iso.fileMissing' });
    await expect(service.inspect(fx.dir)).rejects.toMatchObject({ code: 'iso.notAFile' });
  });
});
