/**
 * Byte encodings the pure layer needs without Node's Buffer or the DOM's TextEncoder: UTF-8,
 * standard base64 (Ignition's data-URL parser rejects the URL-safe alphabet) and RFC 2397 data URLs.
 */
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function utf8Encode(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    let c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // lone surrogate
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

export function utf8Decode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    let c: number;
    let n: number;
    if (b < 0x80) [c, n] = [b, 1];
    else if (b >> 5 === 6) [c, n] = [b & 31, 2];
    else if (b >> 4 === 14) [c, n] = [b & 15, 3];
    else [c, n] = [b & 7, 4];
    for (let k = 1; k < n; k++) c = (c << 6) | ((bytes[i + k] ?? 0) & 63);
    out += String.fromCodePoint(c > 0x10ffff ? 0xfffd : c);
    i += n;
  }
  return out;
}

export function base64Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + (b === undefined ? '=' : B64[(n >> 6) & 63]!) + (c === undefined ? '=' : B64[n & 63]!);
  }
  return out;
}

export function base64Decode(text: string): Uint8Array {
  const clean = text.replace(/[\r\n]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) throw new Error('invalid base64');
  const out: number[] = [];
  for (let i = 0; i < clean.length; i += 4) {
    const q = [...clean.slice(i, i + 4)].map((ch) => (ch === '=' ? -1 : B64.indexOf(ch)));
    const n = ((q[0]! << 18) | (q[1]! << 12) | (Math.max(q[2]!, 0) << 6) | Math.max(q[3]!, 0)) >>> 0;
    out.push((n >> 16) & 255);
    if (q[2]! >= 0) out.push((n >> 8) & 255);
    if (q[3]! >= 0) out.push(n & 255);
  }
  return Uint8Array.from(out);
}

/** Characters Ignition's data-URL lexer accepts unescaped (RFC 2396 unreserved + reserved, minus ';' ',' which we escape). */
const DATA_SAFE = /[A-Za-z0-9\-_.!~*'()/?:@&=+$]/;

/** `data:,<percent-encoded>`: readable for short text such as a host name. No trailing newline is added. */
export function textDataUrl(text: string): string {
  let out = 'data:,';
  for (const ch of text) {
    if (DATA_SAFE.test(ch)) out += ch;
    else for (const b of utf8Encode(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function base64DataUrl(bytes: Uint8Array, mediaType = ''): string {
  return `data:${mediaType};base64,${base64Encode(bytes)}`;
}

/** Decodes a data URL (base64 or percent-encoded); undefined when it is not one. */
export function decodeDataUrl(url: string): Uint8Array | undefined {
  if (!url.startsWith('data:')) return undefined;
  const comma = url.indexOf(',');
  if (comma < 0) return undefined;
  const meta = url.slice(5, comma);
  const data = url.slice(comma + 1);
  try {
    if (meta.split(';').includes('base64')) return base64Decode(data);
    const bytes: number[] = [];
    for (let i = 0; i < data.length; i++) {
      if (data[i] === '%' && /^[0-9a-fA-F]{2}$/.test(data.slice(i + 1, i + 3))) {
        bytes.push(parseInt(data.slice(i + 1, i + 3), 16));
        i += 2;
      } else bytes.push(...utf8Encode(data[i]!));
    }
    return Uint8Array.from(bytes);
  } catch {
    return undefined;
  }
}
