import { decompressSync } from '@napi-rs/lzma/xz';
import { AppError } from '../../../shared/api/errors';
import { readU32LE } from '../../../shared/iso/byte-reader';
import { crc32 } from '../../../shared/iso/checksums';
import { isXz, type XzCheck, type XzDecoded } from '../../../shared/iso/xz';

/**
 * Reads the .xz stream(s) in an initrd embed area with @napi-rs/lzma, which does the decoding and
 * verifies every check (CRC32, CRC64). The library takes one complete buffer and reports neither
 * where a stream ends nor how large it will expand, but an embed area holds the stream followed by
 * zero padding and possibly further archives, and a bomb must be refused before it is expanded. So
 * this file only locates each stream the way the format allows (its footer, found at a 4-byte
 * boundary, points back to its index) and reads the declared sizes from that index; the library
 * then checks the index against the data it decodes.
 */
const HEADER_SIZE = 12;
const FOOTER_SIZE = 12;
const CHECKS: Record<number, XzCheck> = { 0x00: 'none', 0x01: 'crc32', 0x04: 'crc64' };
const CHECK_SHA256 = 0x0a;

function bad(reason: string): AppError {
  return new AppError('iso.badCompression', { reason });
}

/** Decodes the xz stream(s) at `start`, with stream padding between them; stops at the first non-xz bytes. */
export function xzDecode(b: Uint8Array, start: number, maxOutput: number): XzDecoded {
  const parts: Uint8Array[] = [];
  const checks: XzCheck[] = [];
  let at = start;
  let total = 0;
  for (;;) {
    const check = streamCheck(b, at);
    const { end, uncompressed } = locateStream(b, at);
    if (total + uncompressed > maxOutput) throw bad(`the xz data expands beyond ${maxOutput} bytes`);
    parts.push(decode(b.subarray(at, end)));
    total += uncompressed;
    checks.push(check);
    at = end;
    // Stream padding: zero bytes in multiples of four, then possibly another stream.
    let z = at;
    while (z + 4 <= b.length && b[z] === 0 && b[z + 1] === 0 && b[z + 2] === 0 && b[z + 3] === 0) z += 4;
    if (!isXz(b, z)) break;
    at = z;
  }
  return { data: concat(parts, total), end: at, checks };
}

function streamCheck(b: Uint8Array, start: number): XzCheck {
  if (b.length < start + HEADER_SIZE + FOOTER_SIZE || !isXz(b, start)) throw bad('not an xz stream');
  if (crc32(b, start + 6, start + 8) !== readU32LE(b, start + 8)) throw bad('xz stream header CRC mismatch');
  const id = b[start + 7]!;
  if (b[start + 6] !== 0 || (id & 0xf0) !== 0) throw bad('unsupported xz stream flags');
  if (id === CHECK_SHA256) throw bad('SHA-256 checks are not supported (the kernel needs CRC32)');
  const check = CHECKS[id];
  if (!check) throw bad(`unknown xz check type ${id}`);
  return check;
}

/**
 * The first footer after `start` whose CRC, flags and index all agree: a stream is a multiple of
 * four bytes long and ends with its footer, whose backward size leads to the index.
 */
function locateStream(b: Uint8Array, start: number): { end: number; uncompressed: number } {
  for (let end = start + HEADER_SIZE + 8 + FOOTER_SIZE; end <= b.length; end += 4) {
    const f = end - FOOTER_SIZE;
    if (b[end - 2] !== 0x59 || b[end - 1] !== 0x5a) continue;
    if (b[f + 8] !== b[start + 6] || b[f + 9] !== b[start + 7]) continue;
    if (crc32(b, f + 4, f + 10) !== readU32LE(b, f)) continue;
    const indexStart = f - (readU32LE(b, f + 4) + 1) * 4;
    if (indexStart < start + HEADER_SIZE || b[indexStart] !== 0) continue;
    if (crc32(b, indexStart, f - 4) !== readU32LE(b, f - 4)) continue;
    return { end, uncompressed: declaredSize(b, indexStart + 1, f - 4) };
  }
  throw bad('truncated xz stream: no stream footer');
}

/** Sum of the uncompressed sizes the index records (count, then unpadded and uncompressed size per block). */
function declaredSize(b: Uint8Array, from: number, end: number): number {
  let [count, p] = readVli(b, from, end);
  let total = 0;
  for (; count > 0; count--) {
    let size: number;
    [, p] = readVli(b, p, end);
    [size, p] = readVli(b, p, end);
    total += size;
  }
  return total;
}

function readVli(b: Uint8Array, at: number, end: number): [number, number] {
  let value = 0;
  let mul = 1;
  for (let i = 0; i < 9 && at + i < end; i++) {
    const byte = b[at + i]!;
    value += (byte & 0x7f) * mul;
    mul *= 0x80;
    if ((byte & 0x80) === 0) return [value, at + i + 1];
  }
  throw bad('bad xz index');
}

function decode(stream: Uint8Array): Uint8Array {
  try {
    return new Uint8Array(decompressSync(stream));
  } catch (err) {
    throw bad(`xz: ${(err as Error).message}`);
  }
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const data = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    data.set(p, o);
    o += p.length;
  }
  return data;
}
