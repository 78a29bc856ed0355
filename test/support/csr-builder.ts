import { generateKeyPairSync, sign } from 'node:crypto';

/**
 * Builds PKCS#10 requests byte by byte, signed with a real ECDSA P-256 key, including the shapes no
 * kubelet (and not every tool) writes: several CNs, multi-valued RDNs, odd string types, duplicate
 * extensions or extension requests, any SAN kind. Tests feed them to our parser, openssl and kubectl.
 */

export const STRING = { utf8: 0x0c, printable: 0x13, t61: 0x14, ia5: 0x16, universal: 0x1c, bmp: 0x1e, integer: 0x02 } as const;
export const OID = { cn: '2.5.4.3', serialNumber: '2.5.4.5', c: '2.5.4.6', o: '2.5.4.10', ou: '2.5.4.11', san: '2.5.29.17', extensionRequest: '1.2.840.113549.1.9.14' } as const;

export interface Atv {
  oid: string;
  value: string;
  /** Universal tag of the value; UTF8String unless given */
  tag?: number;
}

export type San = { dns: string } | { ip: number[] } | { uri: string } | { email: string } | { otherName: string } | { rid: string } | { dirName: true } | { rawTlv: Uint8Array };

export interface Extension {
  oid: string;
  value: Uint8Array;
}

export interface CsrSpec {
  /** RDNs in order, each one or more attributes */
  subject: Atv[][];
  /** Extension requests: each attribute holds one or more values, each value a list of extensions */
  extensionRequests?: Extension[][][];
}

export function tlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(content);
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Buffer.concat([Uint8Array.of(tag, ...len), body]);
}

export function oid(text: string): Uint8Array {
  const [a, b, ...rest] = text.split('.').map(Number);
  const bytes = [a! * 40 + b!];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Uint8Array.from(bytes));
}

function encodeString(tag: number, value: string): Uint8Array {
  if (tag === STRING.bmp) return tlv(tag, Buffer.from(value, 'utf16le').swap16());
  if (tag === STRING.universal) return tlv(tag, Buffer.concat([...value].map((c) => Uint8Array.of(0, 0, 0, c.codePointAt(0)!))));
  if (tag === STRING.integer) return tlv(tag, Uint8Array.of(Number(value) & 0x7f));
  return tlv(tag, Buffer.from(value, tag === STRING.utf8 ? 'utf8' : 'latin1'));
}

export function sanExtension(sans: San[]): Extension {
  const names = sans.map((s) => {
    if ('dns' in s) return tlv(0x82, Buffer.from(s.dns));
    if ('email' in s) return tlv(0x81, Buffer.from(s.email));
    if ('uri' in s) return tlv(0x86, Buffer.from(s.uri));
    if ('ip' in s) return tlv(0x87, Uint8Array.from(s.ip));
    if ('otherName' in s) return tlv(0xa0, oid(s.otherName), tlv(0xa0, tlv(STRING.utf8, Buffer.from('x'))));
    if ('rid' in s) return tlv(0x88, oid(s.rid).subarray(2));
    if ('dirName' in s) return tlv(0xa4, tlv(0x30, tlv(0x31, tlv(0x30, oid(OID.cn), tlv(STRING.utf8, Buffer.from('dir'))))));
    return s.rawTlv;
  });
  return { oid: OID.san, value: tlv(0x30, ...names) };
}

const keys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const spki = keys.publicKey.export({ type: 'spki', format: 'der' });

export function buildCsrDer(spec: CsrSpec): Uint8Array {
  const name = tlv(0x30, ...spec.subject.map((rdn) => tlv(0x31, ...rdn.map((a) => tlv(0x30, oid(a.oid), encodeString(a.tag ?? STRING.utf8, a.value))))));
  const attributes = (spec.extensionRequests ?? []).map((values) =>
    tlv(0x30, oid(OID.extensionRequest), tlv(0x31, ...values.map((exts) => tlv(0x30, ...exts.map((e) => tlv(0x30, oid(e.oid), tlv(0x04, e.value))))))),
  );
  const info = tlv(0x30, tlv(0x02, Uint8Array.of(0)), name, spki, tlv(0xa0, ...attributes));
  const signature = sign('sha256', info, keys.privateKey);
  return tlv(0x30, info, tlv(0x30, oid('1.2.840.10045.4.3.2')), tlv(0x03, Uint8Array.of(0), signature));
}

export function toPem(der: Uint8Array): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE REQUEST-----\n${b64.replace(/\n$/, '')}\n-----END CERTIFICATE REQUEST-----\n`;
}

export function buildCsrPem(spec: CsrSpec): string {
  return toPem(buildCsrDer(spec));
}

/** The usual node subject, O then CN, as a kubelet writes it (PrintableString). */
export function nodeSubject(cn: string): Atv[][] {
  return [[{ oid: OID.o, value: 'system:nodes', tag: STRING.printable }], [{ oid: OID.cn, value: cn, tag: STRING.printable }]];
}
