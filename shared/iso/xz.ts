import { AppError } from '../api/errors';
import { crc32, crc64 } from './checksums';
import { Lzma2Decoder } from './lzma2-decoder';
import { readU32LE, writeU32LE } from './byte-reader';

/**
 * The .xz container. Writing: one block of LZMA2 *uncompressed* chunks with a CRC32 check — a valid
 * stream the kernel and coreos-installer accept (the kernel requires CRC32 or none, never xz's
 * default CRC64), which needs no compressor in the pure layer. Reading: any LZMA2 stream with
 * none/CRC32/CRC64 checks, concatenated streams and stream padding.
 */
const MAGIC = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];
const FOOTER_MAGIC = [0x59, 0x5a];
const CHECK_NONE = 0;
const CHECK_CRC32 = 1;
const CHECK_CRC64 = 4;
const CHECK_SHA256 = 0x0a;
const FILTER_LZMA2 = 0x21;
const MAX_UNCOMPRESSED_CHUNK = 1 << 16;
/** Dictionary-size byte 16 = 1 MiB: larger than any chunk we write, far below what the kernel allows. */
const DICT_BYTE = 16;

export type XzCheck = 'none' | 'crc32' | 'crc64';

export function isXz(b: Uint8Array, at = 0): boolean {
  return MAGIC.every((m, i) => b[at + i] === m);
}

function vli(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

function pad4(n: number): number {
  return (4 - (n % 4)) % 4;
}

function le32(value: number): number[] {
  const b = new Uint8Array(4);
  writeU32LE(b, 0, value);
  return [...b];
}

/** `data` as one xz stream with CRC32 check (LZMA2 uncompressed chunks). */
export function xzStoreCrc32(data: Uint8Array): Uint8Array {
  const flags = [0x00, CHECK_CRC32];
  const header = [...MAGIC, ...flags, ...le32(crc32(Uint8Array.from(flags)))];
  // Block header: size byte, flags (1 filter, no sizes), LZMA2 filter flags, padding, CRC32.
  const blockBody = [0x00, FILTER_LZMA2, 0x01, DICT_BYTE];
  const headerLen = 1 + blockBody.length;
  const blockHeaderRaw = [0, ...blockBody, ...new Array<number>(pad4(headerLen + 4)).fill(0)];
  blockHeaderRaw[0] = (blockHeaderRaw.length + 4) / 4 - 1;
  const blockHeader = [...blockHeaderRaw, ...le32(crc32(Uint8Array.from(blockHeaderRaw)))];
  const chunks: number[] = [];
  for (let at = 0; at < data.length; at += MAX_UNCOMPRESSED_CHUNK) {
    const size = Math.min(MAX_UNCOMPRESSED_CHUNK, data.length - at);
    chunks.push(at === 0 ? 0x01 : 0x02, (size - 1) >>> 8, (size - 1) & 0xff);
    chunks.push(...data.subarray(at, at + size));
  }
  chunks.push(0x00);
  const compressedSize = chunks.length;
  const check = le32(crc32(data));
  const unpadded = blockHeader.length + compressedSize + check.length;
  const indexRaw = [0x00, ...vli(1), ...vli(unpadded), ...vli(data.length)];
  indexRaw.push(...new Array<number>(pad4(indexRaw.length)).fill(0));
  const index = [...indexRaw, ...le32(crc32(Uint8Array.from(indexRaw)))];
  const backward = [...le32(index.length / 4 - 1), ...flags];
  const footer = [...le32(crc32(Uint8Array.from(backward))), ...backward, ...FOOTER_MAGIC];
  return Uint8Array.from([
    ...header,
    ...blockHeader,
    ...chunks,
    ...new Array<number>(pad4(compressedSize)).fill(0),
    ...check,
    ...index,
    ...footer,
  ]);
}

function bad(reason: string): AppError {
  return new AppError('iso.badCompression', { reason });
}

function readVli(b: Uint8Array, at: number, end: number): [number, number] {
  let value = 0;
  let mul = 1;
  for (let i = 0; i < 9; i++) {
    if (at + i >= end) throw bad('truncated xz integer');
    const byte = b[at + i]!;
    value += (byte & 0x7f) * mul;
    mul *= 0x80;
    if ((byte & 0x80) === 0) return [value, at + i + 1];
  }
  throw bad('xz integer too long');
}

export interface XzDecoded {
  data: Uint8Array;
  /** Offset just after the last stream (and its padding) */
  end: number;
  checks: XzCheck[];
}

/** Decodes the xz stream(s) at `start`, with stream padding between them; stops at the first non-xz bytes. */
export function xzDecode(b: Uint8Array, start: number, maxOutput: number): XzDecoded {
  const parts: Uint8Array[] = [];
  const checks: XzCheck[] = [];
  let at = start;
  let total = 0;
  do {
    const stream = decodeStream(b, at, maxOutput - total);
    parts.push(...stream.blocks);
    total += stream.blocks.reduce((n, p) => n + p.length, 0);
    checks.push(stream.check);
    at = stream.end;
    // Stream padding: zero bytes in multiples of four.
    let z = at;
    while (z + 4 <= b.length && b[z] === 0 && b[z + 1] === 0 && b[z + 2] === 0 && b[z + 3] === 0) z += 4;
    if (isXz(b, z)) at = z;
    else break;
  } while (isXz(b, at));
  const data = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    data.set(p, o);
    o += p.length;
  }
  return { data, end: at, checks };
}

function decodeStream(b: Uint8Array, start: number, maxOutput: number): { blocks: Uint8Array[]; end: number; check: XzCheck } {
  if (b.length < start + 24 || !isXz(b, start)) throw bad('not an xz stream');
  const flags = b.subarray(start + 6, start + 8);
  if (crc32(flags) !== readU32LE(b, start + 8)) throw bad('xz stream header CRC mismatch');
  const checkId = flags[1]!;
  if (flags[0] !== 0 || (checkId & 0xf0) !== 0) throw bad('unsupported xz stream flags');
  let check: XzCheck;
  let checkSize: number;
  if (checkId === CHECK_NONE) [check, checkSize] = ['none', 0];
  else if (checkId === CHECK_CRC32) [check, checkSize] = ['crc32', 4];
  else if (checkId === CHECK_CRC64) [check, checkSize] = ['crc64', 8];
  else if (checkId === CHECK_SHA256) throw bad('SHA-256 checks are not supported (the kernel needs CRC32)');
  else throw bad(`unknown xz check type ${checkId}`);
  let at = start + 12;
  const blocks: Uint8Array[] = [];
  const records: [number, number][] = [];
  let produced = 0;
  while (b[at] !== 0x00) {
    if (at >= b.length) throw bad('truncated xz stream');
    const headerSize = (b[at]! + 1) * 4;
    if (at + headerSize > b.length) throw bad('truncated xz block header');
    if (crc32(b, at, at + headerSize - 4) !== readU32LE(b, at + headerSize - 4)) throw bad('xz block header CRC mismatch');
    const bflags = b[at + 1]!;
    if ((bflags & 0x3c) !== 0) throw bad('unsupported xz block flags');
    let p = at + 2;
    let declaredCompressed: number | undefined;
    let declaredUncompressed: number | undefined;
    if (bflags & 0x40) [declaredCompressed, p] = readVli(b, p, at + headerSize);
    if (bflags & 0x80) [declaredUncompressed, p] = readVli(b, p, at + headerSize);
    const filters = (bflags & 3) + 1;
    if (filters !== 1) throw bad('xz filter chains (e.g. BCJ) are not supported');
    const [id] = readVli(b, p, at + headerSize);
    if (id !== FILTER_LZMA2) throw bad(`unsupported xz filter 0x${id.toString(16)}`);
    const dataStart = at + headerSize;
    const decoded = Lzma2Decoder.decode(b, dataStart, b.length, maxOutput - produced);
    const compressed = decoded.end - dataStart;
    if (declaredCompressed !== undefined && declaredCompressed !== compressed) throw bad('xz block compressed size mismatch');
    if (declaredUncompressed !== undefined && declaredUncompressed !== decoded.data.length) throw bad('xz block size mismatch');
    let q = decoded.end + pad4(compressed);
    if (q + checkSize > b.length) throw bad('truncated xz block check');
    verifyCheck(check, decoded.data, b.subarray(q, q + checkSize));
    q += checkSize;
    records.push([headerSize + compressed + checkSize, decoded.data.length]);
    blocks.push(decoded.data);
    produced += decoded.data.length;
    at = q;
  }
  // Index
  const indexStart = at;
  const [count, afterCount] = readVli(b, at + 1, b.length);
  let p = afterCount;
  if (count !== records.length) throw bad('xz index record count mismatch');
  for (const [unpadded, size] of records) {
    let u: number;
    let s: number;
    [u, p] = readVli(b, p, b.length);
    [s, p] = readVli(b, p, b.length);
    if (u !== unpadded || s !== size) throw bad('xz index does not match the blocks');
  }
  p += pad4(p - indexStart);
  if (p + 4 > b.length || crc32(b, indexStart, p) !== readU32LE(b, p)) throw bad('xz index CRC mismatch');
  p += 4;
  // Footer
  if (p + 12 > b.length) throw bad('truncated xz stream footer');
  if (crc32(b, p + 4, p + 10) !== readU32LE(b, p)) throw bad('xz stream footer CRC mismatch');
  if ((readU32LE(b, p + 4) + 1) * 4 !== p - indexStart) throw bad('xz backward size mismatch');
  if (b[p + 8] !== flags[0] || b[p + 9] !== flags[1] || b[p + 10] !== FOOTER_MAGIC[0] || b[p + 11] !== FOOTER_MAGIC[1]) throw bad('bad xz stream footer');
  return { blocks, end: p + 12, check };
}

function verifyCheck(check: XzCheck, data: Uint8Array, stored: Uint8Array): void {
  if (check === 'crc32' && crc32(data) !== readU32LE(stored, 0)) throw bad('xz CRC32 check failed: the data is damaged');
  if (check === 'crc64') {
    const c = crc64(data);
    if (!c.every((v, i) => v === stored[i])) throw bad('xz CRC64 check failed: the data is damaged');
  }
}
