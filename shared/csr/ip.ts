/**
 * IP address helpers for comparing SANs with node addresses: parse to bytes so that
 * `fd00::1`, `FD00:0:0::1` and `fd00:0000::0001` compare equal, and IPv4-mapped IPv6 matches IPv4.
 */
export function parseIp(text: string): Uint8Array | undefined {
  const s = text.trim().replace(/^\[|\]$/g, '');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(s)) {
    const parts = s.split('.').map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    return Uint8Array.from(parts);
  }
  if (!s.includes(':') || s.includes('%')) return undefined;
  let head = s;
  let tailV4: number[] = [];
  const v4 = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s);
  if (v4) {
    tailV4 = v4[1]!.split('.').map(Number);
    if (tailV4.some((p) => p > 255)) return undefined;
    head = s.slice(0, -v4[1]!.length);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string) => (part ? part.split(':') : []);
  const left = groups(halves[0]!);
  const right = halves.length === 2 ? groups(halves[1]!) : [];
  const total = 8 - (tailV4.length ? 2 : 0);
  if (halves.length === 1 && left.length !== total) return undefined;
  if (left.length + right.length > total || (halves.length === 2 && left.length + right.length === total)) return undefined;
  const all = [...left, ...Array(total - left.length - right.length).fill('0'), ...right];
  if (all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  const bytes = new Uint8Array(16);
  all.forEach((g, i) => {
    const n = parseInt(g, 16);
    bytes[i * 2] = n >> 8;
    bytes[i * 2 + 1] = n & 0xff;
  });
  if (tailV4.length) bytes.set(tailV4, 12);
  // ::ffff:a.b.c.d is the same host as a.b.c.d
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12);
  return bytes;
}

/** Canonical text: dotted quad, or lower-case IPv6 with the longest zero run compressed (RFC 5952). */
export function canonicalIp(text: string): string | undefined {
  const b = parseIp(text);
  if (!b) return undefined;
  if (b.length === 4) return Array.from(b).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => ((b[i * 2]! << 8) | b[i * 2 + 1]!).toString(16));
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen && j - i > 1) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

export function sameIp(a: string, b: string): boolean {
  const x = canonicalIp(a);
  return x !== undefined && x === canonicalIp(b);
}

/** Whether `ip` is inside `cidr` (a.b.c.d/n or v6/n); a bare address is a /32 or /128. */
export function ipInCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.trim().split('/');
  const addr = parseIp(ip);
  const net = parseIp(base ?? '');
  if (!addr || !net || addr.length !== net.length) return false;
  const bits = bitsText === undefined ? addr.length * 8 : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > addr.length * 8) return false;
  for (let i = 0; i < addr.length; i++) {
    const take = Math.max(0, Math.min(8, bits - i * 8));
    if (take === 0) break;
    const mask = (0xff << (8 - take)) & 0xff;
    if ((addr[i]! & mask) !== (net[i]! & mask)) return false;
  }
  return true;
}

export function isIpOrCidr(text: string): boolean {
  const [base, bits] = text.trim().split('/');
  const addr = parseIp(base ?? '');
  if (!addr) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n >= 0 && n <= addr.length * 8;
}
