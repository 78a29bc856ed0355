import { crc32 } from './checksums';
import { writeU32LE } from './byte-reader';

/**
 * Why we write .xz ourselves: the kernel's initramfs unpacker accepts only the CRC32 check (or
 * none), never xz's default CRC64, and @napi-rs/lzma, the xz library we use for reading
 * (electron/services/iso/xz-decode.ts), always writes CRC64 and cannot set the check type. So this
 * small writer stays: one block of LZMA2 *uncompressed* chunks with a CRC32 check, a valid stream
 * the kernel, coreos-installer and xz-utils accept, which needs no compressor in the pure layer.
 */
const MAGIC = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];
const FOOTER_MAGIC = [0x59, 0x5a];
const CHECK_CRC32 = 1;
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
  return Uint8Array.from([...header, ...blockHeader, ...chunks, ...new Array<number>(pad4(compressedSize)).fill(0), ...check, ...index, ...footer]);
}

export interface XzDecoded {
  data: Uint8Array;
  /** Offset just after the last stream (and its padding) */
  end: number;
  checks: XzCheck[];
}

/**
 * Decodes the xz stream(s) at `start`, with stream padding between them, and stops at the first
 * non-xz bytes; refuses output beyond `maxOutput`. Decompression needs the Node layer (a native
 * library), so it is injected: electron/services/iso/xz-decode.ts.
 */
export type XzDecoder = (b: Uint8Array, start: number, maxOutput: number) => XzDecoded;
