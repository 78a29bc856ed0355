import { AppError } from '../api/errors';
import { isAllZero } from './byte-reader';
import { isCpio, isRegularFile, readCpio, writeCpio } from './cpio';
import { isXz, xzStoreCrc32, type XzCheck, type XzDecoder } from './xz';

/**
 * The Ignition embed area's contents: an ordered set of files (path -> bytes), as the live
 * initramfs sees them. Decoding follows the kernel's buffer format (one or more archives, each
 * optionally compressed, zero bytes between them, later copies win); encoding writes one archive.
 */
export const INITRD_IGNITION_PATH = 'config.ign';
export const INITRD_NETWORK_DIR = 'etc/coreos-firstboot-network';

export type Compression = 'xz' | 'gzip';

/** Node-side codecs the pure layer cannot have (zlib, the xz library); writing xz needs none. */
export interface InitrdCodecs {
  xzDecode?: XzDecoder;
  gzip?: (data: Uint8Array) => Uint8Array;
  gunzip?: (data: Uint8Array) => Uint8Array;
}

export interface DecodedInitrd {
  files: Map<string, Uint8Array>;
  /** Compressions found, in order ('none' for a bare archive) */
  formats: ('xz' | 'gzip' | 'none')[];
  xzChecks: XzCheck[];
}

/** Upper bound on what an area may expand to; far above any real config, far below memory limits. */
const MAX_EXPANDED = 64 * 1024 * 1024;

export function decodeInitrd(area: Uint8Array, codecs: InitrdCodecs = {}): DecodedInitrd {
  const files = new Map<string, Uint8Array>();
  const formats: DecodedInitrd['formats'] = [];
  const xzChecks: XzCheck[] = [];
  let at = 0;
  while (at < area.length) {
    if (area[at] === 0) {
      at++;
      continue;
    }
    let archive: Uint8Array;
    let archiveStart = 0;
    if (isXz(area, at)) {
      if (!codecs.xzDecode) throw new AppError('iso.badCompression', { reason: 'xz is not available here' });
      const d = codecs.xzDecode(area, at, MAX_EXPANDED);
      archive = d.data;
      at = d.end;
      formats.push('xz');
      xzChecks.push(...d.checks);
    } else if (area[at] === 0x1f && area[at + 1] === 0x8b) {
      if (!codecs.gunzip) throw new AppError('iso.badCompression', { reason: 'gzip is not available here' });
      try {
        archive = codecs.gunzip(area.subarray(at));
      } catch (err) {
        throw new AppError('iso.badCompression', { reason: `gzip: ${(err as Error).message}` });
      }
      // The gzip member runs to the end of the area (zero tail included) in images written by tools.
      at = area.length;
      formats.push('gzip');
    } else if (area[at] === 0x28 && area[at + 1] === 0xb5 && area[at + 2] === 0x2f && area[at + 3] === 0xfd) {
      throw new AppError('iso.badCompression', { reason: 'zstd-compressed archives are not supported' });
    } else if (isCpio(area, at)) {
      archive = area;
      archiveStart = at;
      formats.push('none');
    } else {
      throw new AppError('iso.badArchive', { reason: `unrecognised data at offset ${at} of the embed area` });
    }
    // A decompressed archive may itself hold several concatenated archives.
    let p = archiveStart;
    while (p < archive.length) {
      if (archive[p] === 0) {
        p++;
        continue;
      }
      const { members, end } = readCpio(archive, p);
      for (const m of members) if (isRegularFile(m.mode)) files.set(m.path, m.data);
      p = end;
      if (archive === area) break;
    }
    if (archive === area) at = p;
  }
  return { files, formats, xzChecks };
}

/** The area bytes (exactly `capacity` long, zero-filled) for `files`; empty -> all zeros. */
export function encodeInitrd(files: ReadonlyMap<string, Uint8Array>, capacity: number, compression: Compression = 'xz', codecs: InitrdCodecs = {}): Uint8Array {
  const area = new Uint8Array(capacity);
  if (files.size === 0) return area;
  const archive = writeCpio(files);
  let compressed: Uint8Array;
  if (compression === 'xz') compressed = xzStoreCrc32(archive);
  else {
    if (!codecs.gzip) throw new AppError('iso.badCompression', { reason: 'gzip is not available here' });
    compressed = codecs.gzip(archive);
  }
  if (compressed.length > capacity) throw new AppError('iso.payloadTooLarge', { size: compressed.length, capacity });
  area.set(compressed);
  return area;
}

export function isPristineArea(area: Uint8Array): boolean {
  return isAllZero(area);
}

export function networkMembers(files: ReadonlyMap<string, Uint8Array>): string[] {
  return [...files.keys()].filter((p) => p.startsWith(`${INITRD_NETWORK_DIR}/`)).sort();
}
