import { utf8Decode, utf8Encode } from '../ignition/encoding';

/**
 * Random access to an image without loading it: the ISO code only ever asks for a few small
 * ranges (volume descriptors, directories, the embed areas), so a 1 GiB ISO costs a few KiB of reads.
 */
export interface ByteReader {
  readonly size: number;
  /** Exactly `length` bytes from `offset`; the caller has checked the range lies inside `size`. */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** A reader over bytes already in memory (tests, small images). */
export function bytesReader(bytes: Uint8Array): ByteReader {
  return {
    size: bytes.length,
    read: async (offset, length) => bytes.slice(offset, offset + length),
  };
}

export function readU32LE(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16)) + b[at + 3]! * 0x1000000;
}

export function writeU32LE(b: Uint8Array, at: number, value: number): void {
  b[at] = value & 0xff;
  b[at + 1] = (value >>> 8) & 0xff;
  b[at + 2] = (value >>> 16) & 0xff;
  b[at + 3] = (value >>> 24) & 0xff;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function isAllZero(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}

export const utf8 = (text: string): Uint8Array => utf8Encode(text);

/** Strict UTF-8 decoding: bytes that do not round-trip are refused. */
export function fromUtf8(bytes: Uint8Array): string {
  const text = utf8Decode(bytes);
  const back = utf8Encode(text);
  if (back.length !== bytes.length || back.some((b, i) => b !== bytes[i])) throw new Error('invalid UTF-8');
  return text;
}

/** Latin-1 view of ASCII fields (cpio headers, volume ids). */
export function ascii(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return s;
}
