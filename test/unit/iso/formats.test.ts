import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { crc32 } from '../../../shared/iso/checksums';
import { readCpio, writeCpio, DIR_MODE, FILE_MODE } from '../../../shared/iso/cpio';
import { xzStoreCrc32 } from '../../../shared/iso/xz';
import { decodeInitrd, encodeInitrd } from '../../../shared/iso/initrd';
import { xzDecode } from '../../../electron/services/iso/xz-decode';
import { editKargs, encodeKargs, readKargs } from '../../../shared/iso/kargs';
import { utf8 } from '../../../shared/iso/byte-reader';
import { isAppError } from '../../../shared/api/errors';
import type { KargAreas } from '../../../shared/iso/embed-areas';

const ascii = (s: string) => utf8(s);

describe('checksums', () => {
  it('match the standard check values', () => {
    expect(crc32(ascii('123456789')).toString(16)).toBe('cbf43926');
  });
});

describe('newc cpio', () => {
  it('writes parents once as 040755, files 0100600, sorted, and reads back', () => {
    const files = new Map([
      ['etc/coreos-firstboot-network/b.nmconnection', ascii('b')],
      ['config.ign', ascii('{}')],
      ['etc/coreos-firstboot-network/a.nmconnection', ascii('aaaaa')],
    ]);
    const { members, end } = readCpio(writeCpio(files));
    expect(members.map((m) => [m.path, m.mode])).toEqual([
      ['config.ign', FILE_MODE],
      ['etc', DIR_MODE],
      ['etc/coreos-firstboot-network', DIR_MODE],
      ['etc/coreos-firstboot-network/a.nmconnection', FILE_MODE],
      ['etc/coreos-firstboot-network/b.nmconnection', FILE_MODE],
    ]);
    expect(end % 4).toBe(0);
    expect(new TextDecoder().decode(members[3]!.data)).toBe('aaaaa');
  });

  it('refuses absolute or dot-dot member paths', () => {
    for (const bad of ['/etc/x', 'etc/../x', 'a//b']) {
      expect(() => writeCpio(new Map([[bad, ascii('x')]]))).toThrow(expect.objectContaining({ code: 'iso.badMemberPath' }));
    }
  });
});

describe('xz container', () => {
  it('round-trips any bytes through uncompressed LZMA2 chunks with a CRC32 check', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200_000 }), (data) => {
        const xz = xzStoreCrc32(data);
        expect(xz.length % 4).toBe(0);
        expect(xz[7]).toBe(0x01); // stream flags: CRC32
        const back = xzDecode(xz, 0, 1 << 20);
        expect(back.checks).toEqual(['crc32']);
        expect(Buffer.from(back.data).equals(Buffer.from(data))).toBe(true);
        expect(back.end).toBe(xz.length);
      }),
      { numRuns: 25 },
    );
  });

  it('detects a damaged payload through the CRC32 check', () => {
    const xz = xzStoreCrc32(ascii('hello world, hello world'));
    xz[40] = xz[40]! ^ 0xff;
    expect(() => xzDecode(xz, 0, 1 << 20)).toThrow(expect.objectContaining({ code: 'iso.badCompression' }));
  });

  it('refuses a stream that would expand beyond the bound, before expanding it', () => {
    const xz = xzStoreCrc32(new Uint8Array(100_000));
    expect(() => xzDecode(xz, 0, 99_999)).toThrow(expect.objectContaining({ code: 'iso.badCompression', params: { reason: expect.stringContaining('99999') } }));
    expect(xzDecode(xz, 0, 100_000).data.length).toBe(100_000);
  });

  it('refuses a truncated stream (no footer) instead of reading past it', () => {
    const xz = xzStoreCrc32(ascii('hello world'));
    expect(() => xzDecode(xz.subarray(0, xz.length - 4), 0, 1 << 20)).toThrow(expect.objectContaining({ code: 'iso.badCompression' }));
  });

  it('without the xz decoder the initrd reader says so instead of guessing', () => {
    const area = encodeInitrd(new Map([['config.ign', ascii('{}')]]), 4096);
    expect(() => decodeInitrd(area)).toThrow(expect.objectContaining({ code: 'iso.badCompression', params: { reason: 'xz is not available here' } }));
  });
});

describe('initrd area', () => {
  it('encodes to exactly the capacity, zero-filled, and decodes to the same files', () => {
    const files = new Map([['config.ign', ascii('{"ignition":{"version":"3.3.0"}}\n')]]);
    const area = encodeInitrd(files, 4096);
    expect(area.length).toBe(4096);
    expect(area.subarray(area.length - 64).every((b) => b === 0)).toBe(true);
    const decoded = decodeInitrd(area, { xzDecode });
    expect([...decoded.files.keys()]).toEqual(['config.ign']);
    expect(decoded.xzChecks).toEqual(['crc32']);
  });

  it('later archives override earlier copies of a path (kernel semantics)', () => {
    const a = xzStoreCrc32(writeCpio(new Map([['config.ign', ascii('old')]])));
    const b = writeCpio(new Map([['config.ign', ascii('new')]]));
    const area = new Uint8Array(a.length + 8 + b.length + 100);
    area.set(a);
    area.set(b, a.length + 8);
    expect(new TextDecoder().decode(decodeInitrd(area, { xzDecode }).files.get('config.ign'))).toBe('new');
  });

  it('refuses a payload larger than the area before anything else', () => {
    const big = new Map([['config.ign', new Uint8Array(10_000).fill(65)]]);
    try {
      encodeInitrd(big, 8192);
      expect.unreachable();
    } catch (err) {
      expect(isAppError(err, 'iso.payloadTooLarge')).toBe(true);
      expect((err as { params: { capacity: number } }).params.capacity).toBe(8192);
    }
  });
});

describe('karg areas', () => {
  const areas: KargAreas = {
    defaultKargs: 'a=1 b',
    size: 64,
    regions: [
      { file: 'grub.cfg', offset: 0, length: 64, pad: '#', end: '\n' },
      { file: 'cdboot.img', offset: 100, length: 64, pad: '\0', end: '\0' },
    ],
  };

  it('round-trips any argument list that fits, identical in every area', () => {
    const arg = fc.stringMatching(/^[a-z0-9_.=,:/-]{1,12}$/);
    fc.assert(
      fc.property(fc.array(arg, { maxLength: 4 }), (args) => {
        const text = args.join(' ');
        const encoded = encodeKargs(areas, text);
        expect(encoded.every((e) => e.length === 64)).toBe(true);
        expect(readKargs(areas, encoded)).toBe(text);
      }),
    );
  });

  it('refuses kargs that do not fit (length must be strictly smaller than the area)', () => {
    expect(() => encodeKargs(areas, 'x'.repeat(64))).toThrow(expect.objectContaining({ code: 'iso.kargsTooLong' }));
    expect(encodeKargs(areas, 'x'.repeat(63))[0]![63]).toBe(10);
  });

  it('reports areas that disagree', () => {
    const [a] = encodeKargs(areas, 'one');
    const [, b] = encodeKargs(areas, 'two');
    expect(() => readKargs(areas, [a!, b!])).toThrow(expect.objectContaining({ code: 'iso.kargsMismatch' }));
  });

  it('edits like coreos-installer: delete by key or key=value, then append', () => {
    expect(editKargs('a=1 b c=2 a=3', { delete: ['a'], append: ['d'] })).toBe('b c=2 d');
    expect(editKargs('a=1 a=3', { delete: ['a=3'] })).toBe('a=1');
    expect(() => editKargs('', { append: ['two words'] })).toThrow(expect.objectContaining({ code: 'iso.kargsInvalid' }));
  });
});
