/**
 * Address arithmetic for validation: parse IPv4/IPv6 text into big integers so that "is the
 * gateway inside the subnet" and "are two addresses the same" are exact, whatever notation
 * (compressed IPv6, leading zeros in hex groups) the technician used.
 */
export type Family = 4 | 6;

export interface ParsedIp {
  family: Family;
  value: bigint;
}

const V4_PART = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const p of parts) {
    if (!V4_PART.test(p)) return undefined;
    value = (value << 8n) | BigInt(Number(p));
  }
  return value;
}

export function parseIpv6(text: string): bigint | undefined {
  if (text.length === 0 || text.length > 45 || text.includes('%')) return undefined;
  let head = text;
  let tailV4: bigint | undefined;
  // An embedded dotted IPv4 tail (::ffff:1.2.3.4) stands for the last two groups.
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    tailV4 = parseIpv4(text.slice(lastColon + 1));
    if (tailV4 === undefined) return undefined;
    head = text.slice(0, lastColon + 1) + '0:0';
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (s: string): string[] | undefined => (s === '' ? [] : s.split(':'));
  const left = groupsOf(halves[0] ?? '');
  const right = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  if (!left || !right) return undefined;
  const total = left.length + right.length;
  if (halves.length === 2 ? total > 7 : total !== 8) return undefined;
  const groups = [...left, ...Array<string>(8 - total).fill('0'), ...right];
  let value = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  if (tailV4 !== undefined) value = (value & ~0xffffffffn) | tailV4;
  return value;
}

export function parseIp(text: string): ParsedIp | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = text.includes(':') ? parseIpv6(text) : undefined;
  return v6 !== undefined ? { family: 6, value: v6 } : undefined;
}

export const bitsOf = (family: Family): number => (family === 4 ? 32 : 128);

export function networkOf(ip: ParsedIp, prefix: number): bigint {
  const bits = BigInt(bitsOf(ip.family));
  const hostBits = bits - BigInt(prefix);
  return (ip.value >> hostBits) << hostBits;
}

export function sameSubnet(a: ParsedIp, b: ParsedIp, prefix: number): boolean {
  return a.family === b.family && networkOf(a, prefix) === networkOf(b, prefix);
}

/** "10.1.101.50/24" -> parts; a missing or non-numeric prefix gives undefined. */
export function parseCidr(text: string): { ip: ParsedIp; prefix: number } | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > bitsOf(ip.family)) return undefined;
  return { ip, prefix };
}

/** Dotted netmask for a prefix (dracut's ip= wants one). */
export function ipv4Netmask(prefix: number): string {
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [24, 16, 8, 0].map((s) => (mask >>> s) & 0xff).join('.');
}

export function isIpv4Broadcast(ip: ParsedIp, prefix: number): boolean {
  if (ip.family !== 4 || prefix >= 31) return false;
  const hostMask = (1n << BigInt(32 - prefix)) - 1n;
  return (ip.value & hostMask) === hostMask;
}

export function isNetworkAddress(ip: ParsedIp, prefix: number): boolean {
  if (prefix >= bitsOf(ip.family) - 1) return false;
  return networkOf(ip, prefix) === ip.value;
}
