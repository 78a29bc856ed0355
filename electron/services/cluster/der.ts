/**
 * A strict DER reader, just enough for PKCS#10 requests. Strict on purpose: Go's encoding/asn1 (the
 * API server, the signer, kubectl) refuses indefinite and non-minimal lengths and trailing bytes, so
 * anything a lenient BER reader would accept beyond that is a place where two readers may disagree.
 */

export class DerError extends Error {}

export interface Tlv {
  /** The identifier octet as it is (class, constructed bit and tag number); only low tag numbers occur here */
  tag: number;
  constructed: boolean;
  /** Content octets */
  value: Uint8Array;
}

export const TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  oid: 0x06,
  utf8String: 0x0c,
  sequence: 0x30,
  set: 0x31,
  numericString: 0x12,
  printableString: 0x13,
  t61String: 0x14,
  ia5String: 0x16,
  universalString: 0x1c,
  bmpString: 0x1e,
} as const;

function readAt(buf: Uint8Array, offset: number): { tlv: Tlv; next: number } {
  if (offset + 2 > buf.length) throw new DerError('truncated element');
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError(`high tag number form (0x${tag.toString(16)})`);
  let length = buf[offset + 1]!;
  let start = offset + 2;
  if (length === 0x80) throw new DerError('indefinite length');
  if (length > 0x80) {
    const n = length & 0x7f;
    if (n > 4 || start + n > buf.length) throw new DerError('length too long');
    if (buf[start] === 0) throw new DerError('non-minimal length');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + buf[start + i]!;
    if (length < 0x80) throw new DerError('non-minimal length');
    start += n;
  }
  if (start + length > buf.length) throw new DerError('truncated element');
  return { tlv: { tag, constructed: (tag & 0x20) !== 0, value: buf.subarray(start, start + length) }, next: start + length };
}

/** Exactly one element filling `buf`, optionally of an expected tag. */
export function readOne(buf: Uint8Array, tag?: number): Tlv {
  const { tlv, next } = readAt(buf, 0);
  if (next !== buf.length) throw new DerError('trailing data');
  if (tag !== undefined && tlv.tag !== tag) throw new DerError(`expected tag 0x${tag.toString(16)}, found 0x${tlv.tag.toString(16)}`);
  return tlv;
}

/** The elements inside a constructed value, in order. */
export function children(tlv: Tlv): Tlv[] {
  if (!tlv.constructed) throw new DerError('expected a constructed element');
  const out: Tlv[] = [];
  for (let offset = 0; offset < tlv.value.length;) {
    const { tlv: child, next } = readAt(tlv.value, offset);
    out.push(child);
    offset = next;
  }
  return out;
}

export function expectTag(tlv: Tlv, tag: number, what: string): Tlv {
  if (tlv.tag !== tag) throw new DerError(`${what}: expected tag 0x${tag.toString(16)}, found 0x${tlv.tag.toString(16)}`);
  return tlv;
}

/** Dotted text of an OBJECT IDENTIFIER's content octets (minimal base-128 arcs). */
export function decodeOid(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new DerError('empty OID');
  const arcs: number[] = [];
  let value = 0;
  let fresh = true;
  for (const b of bytes) {
    if (fresh && b === 0x80) throw new DerError('non-minimal OID arc');
    value = value * 128 + (b & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER) throw new DerError('OID arc too large');
    fresh = (b & 0x80) === 0;
    if (fresh) {
      arcs.push(value);
      value = 0;
    }
  }
  if (!fresh) throw new DerError('truncated OID');
  const first = arcs.shift()!;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...arcs].join('.');
}
