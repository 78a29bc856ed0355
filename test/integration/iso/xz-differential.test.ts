import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { xzStoreCrc32 } from '../../../shared/iso/xz';
import { decodeInitrd, encodeInitrd } from '../../../shared/iso/initrd';
import { writeCpio } from '../../../shared/iso/cpio';
import { xzDecode } from '../../../electron/services/iso/xz-decode';
import { requirePeer } from '../../support/peers';

/**
 * xz-utils judges both directions: what our writer produces must pass `xz -t` with a CRC32 check
 * and decompress to the same bytes, and what the real xz writes (CRC32, its default CRC64, none,
 * several streams with padding) must be read by our path (@napi-rs/lzma plus the stream locator).
 */
const xz = (args: string[], input: Uint8Array) => new Uint8Array(execFileSync('xz', args, { input, maxBuffer: 64 << 20 }));
const text = (s: string) => new TextEncoder().encode(s);

beforeAll(() => {
  requirePeer('xz', 'xz-utils');
});

describe('our xz writer, judged by xz-utils', () => {
  it('xz -t accepts it, xz --list reports CRC32, and xz -dc gives the bytes back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xz-diff-'));
    try {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 150_000 }), (data) => {
          const ours = xzStoreCrc32(data);
          expect(spawnSync('xz', ['-t'], { input: ours }).status).toBe(0);
          const file = join(dir, 'ours.xz');
          writeFileSync(file, ours);
          const robot = execFileSync('xz', ['--robot', '--list', file]).toString();
          expect(
            robot
              .split('\n')
              .find((l) => l.startsWith('file'))
              ?.split('\t')[6],
          ).toBe('CRC32');
          expect(Buffer.from(xz(['-dc'], ours)).equals(Buffer.from(data))).toBe(true);
        }),
        { numRuns: 8 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('xz-utils output, read by our path', () => {
  const payload = text('{"ignition":{"version":"3.2.0"}}\n'.repeat(500));

  it.each([
    ['crc32', ['--check=crc32']],
    ['crc64', []],
    ['none', ['--check=none']],
  ] as const)('check %s at preset 9 decodes to the original bytes and reports its check', (check, flags) => {
    const real = xz(['-9', '-c', ...flags], payload);
    const decoded = xzDecode(real, 0, 1 << 20);
    expect(Buffer.from(decoded.data).equals(Buffer.from(payload))).toBe(true);
    expect(decoded.checks).toEqual([check]);
    expect(decoded.end).toBe(real.length);
  });

  it('finds the stream end inside a zero-padded area and reads a cpio archive after it (later copies win)', () => {
    const first = xz(['--check=crc32', '-c'], writeCpio(new Map([['config.ign', text('old')]])));
    const second = writeCpio(new Map([['config.ign', text('new')]]));
    const area = new Uint8Array(first.length + 12 + second.length + 256);
    area.set(first);
    area.set(second, first.length + 12);
    const decoded = decodeInitrd(area, { xzDecode });
    expect(decoded.formats).toEqual(['xz', 'none']);
    expect(new TextDecoder().decode(decoded.files.get('config.ign'))).toBe('new');
  });

  it('concatenated streams with stream padding form one archive; their checks are listed in order', () => {
    const archive = writeCpio(new Map([['config.ign', payload]]));
    const half = 300;
    const a = xz(['--check=crc32', '-c'], archive.subarray(0, half));
    const b = xz(['-c'], archive.subarray(half));
    const area = new Uint8Array(a.length + 8 + b.length + 64);
    area.set(a);
    area.set(b, a.length + 8);
    const decoded = xzDecode(area, 0, 1 << 20);
    expect(decoded.checks).toEqual(['crc32', 'crc64']);
    expect(decoded.end).toBe(a.length + 8 + b.length);
    expect(Buffer.from(decoded.data).equals(Buffer.from(archive))).toBe(true);
    expect(decodeInitrd(area, { xzDecode }).files.get('config.ign')?.length).toBe(payload.length);
  });

  it('refuses damaged data through the real check, and SHA-256 (the kernel cannot read it)', () => {
    const real = xz(['-0', '--check=crc64', '-c'], payload);
    const damaged = Uint8Array.from(real);
    damaged[real.length - 40] = damaged[real.length - 40]! ^ 0x01;
    expect(() => xzDecode(damaged, 0, 1 << 20)).toThrow(expect.objectContaining({ code: 'iso.badCompression' }));
    const sha = xz(['--check=sha256', '-c'], payload);
    expect(() => xzDecode(sha, 0, 1 << 20)).toThrow(expect.objectContaining({ code: 'iso.badCompression', params: { reason: expect.stringContaining('SHA-256') } }));
  });

  it('refuses a real xz bomb from its index, before decompressing it', () => {
    const bomb = xz(['-9', '-c'], new Uint8Array(8 << 20));
    expect(bomb.length).toBeLessThan(4096);
    expect(() => xzDecode(bomb, 0, 1 << 20)).toThrow(expect.objectContaining({ code: 'iso.badCompression', params: { reason: expect.stringContaining('expands beyond') } }));
  });

  it('our own area round-trips through the real xz too: encodeInitrd → xz -dc → same cpio', () => {
    const files = new Map([['config.ign', payload]]);
    const area = encodeInitrd(files, 64 * 1024);
    const expanded = xz(['-dc'], area.subarray(0, xzDecode(area, 0, 1 << 20).end));
    expect(Buffer.from(expanded).equals(Buffer.from(writeCpio(files)))).toBe(true);
  });
});
