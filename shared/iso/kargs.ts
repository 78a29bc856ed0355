import { AppError } from '../api/errors';
import { fromUtf8, utf8 } from './byte-reader';
import type { KargAreas, KargRegion } from './embed-areas';

/**
 * Kernel-argument areas: `kargs + end + pad…` to exactly the area size, the same text in every
 * area (grub.cfg, isolinux.cfg, s390x cdboot.img). Reading strips pad, then end, then whitespace.
 */
export function parseKargRegion(region: KargRegion, bytes: Uint8Array): string {
  let text: string;
  try {
    text = fromUtf8(bytes);
  } catch {
    throw new AppError('iso.kargsCorrupt', { reason: `invalid UTF-8 in the karg area of ${region.file}` });
  }
  let end = text.length;
  while (end > 0 && text[end - 1] === region.pad) end--;
  while (end > 0 && text[end - 1] === region.end) end--;
  return text.slice(0, end).trim();
}

/** The current kargs; every area must agree. */
export function readKargs(areas: KargAreas, contents: readonly Uint8Array[]): string {
  const values = areas.regions.map((r, i) => parseKargRegion(r, contents[i]!));
  if (values.some((v) => v !== values[0])) throw new AppError('iso.kargsMismatch', { files: areas.regions.map((r) => r.file).join(', ') });
  return values[0] ?? '';
}

/** The bytes for every area (same order as `areas.regions`). */
export function encodeKargs(areas: KargAreas, kargs: string): Uint8Array[] {
  const text = kargs.trim();
  const bytes = utf8(text);
  if (bytes.length >= areas.size) throw new AppError('iso.kargsTooLong', { length: bytes.length + 1, size: areas.size });
  if (/[\r\n\0#]/.test(text)) throw new AppError('iso.kargsInvalid', { reason: 'line breaks, NUL and # are not allowed' });
  return areas.regions.map((r) => {
    const out = new Uint8Array(areas.size).fill(r.pad.charCodeAt(0));
    out.set(bytes);
    out[bytes.length] = r.end.charCodeAt(0);
    return out;
  });
}

/** Split on whitespace (kargs have no quoting in these areas). */
export function splitKargs(kargs: string): string[] {
  return kargs.split(/\s+/).filter(Boolean);
}

const keyOf = (arg: string) => arg.split('=')[0]!;

/**
 * coreos-installer's KargsEditor semantics: delete exact `key` or `key=value` matches, then append.
 * A bare key to delete removes every argument with that key.
 */
export function editKargs(kargs: string, edit: { append?: readonly string[]; delete?: readonly string[] }): string {
  let args = splitKargs(kargs);
  for (const d of edit.delete ?? []) {
    args = d.includes('=') ? args.filter((a) => a !== d) : args.filter((a) => keyOf(a) !== d);
  }
  for (const a of edit.append ?? []) {
    if (!/^[^\s#]+$/.test(a)) throw new AppError('iso.kargsInvalid', { reason: `"${a}" is not a single kernel argument` });
    args.push(a);
  }
  return args.join(' ');
}
