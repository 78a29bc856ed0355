import { AppError } from '../api/errors';
import { ascii, readU32LE, type ByteReader } from './byte-reader';

/**
 * The small part of ISO 9660 the embed areas need: the primary volume descriptor and directory
 * records, looked up by upper-cased 8.3 path (no Rock Ridge or Joliet, as coreos-installer does).
 */
export const SECTOR = 2048;
const FIRST_DESCRIPTOR = 16 * SECTOR;
/** Real images have 2-4 descriptors; a long run without a terminator is corruption. */
const MAX_DESCRIPTORS = 32;
/** A directory bigger than this is not a live ISO directory but garbage. */
const MAX_DIRECTORY_BYTES = 4 * 1024 * 1024;
const MAX_DEPTH = 8;

export interface IsoEntry {
  name: string;
  isDirectory: boolean;
  /** Byte offset of the data in the image */
  offset: number;
  length: number;
}

export interface IsoVolume {
  reader: ByteReader;
  volumeId: string;
  /** Bytes the volume descriptor says the image has */
  volumeBytes: number;
  root: IsoEntry;
}

export async function openIsoVolume(reader: ByteReader): Promise<IsoVolume> {
  if (reader.size < FIRST_DESCRIPTOR + SECTOR) throw new AppError('iso.notIso', { reason: 'too small for a volume descriptor' });
  for (let i = 0; i < MAX_DESCRIPTORS; i++) {
    const at = FIRST_DESCRIPTOR + i * SECTOR;
    if (at + SECTOR > reader.size) break;
    const d = await reader.read(at, SECTOR);
    const magic = String.fromCharCode(...d.subarray(1, 6));
    if (magic !== 'CD001') throw new AppError('iso.notIso', { reason: `no CD001 signature at byte ${at + 1}` });
    const type = d[0]!;
    if (type === 255) break;
    if (type !== 1) continue;
    const volumeBytes = readU32LE(d, 80) * SECTOR;
    if (volumeBytes > reader.size) throw new AppError('iso.truncated', { expected: volumeBytes, actual: reader.size });
    const root = parseRecord(d, 156, reader.size);
    if (!root?.isDirectory) throw new AppError('iso.corrupt', { reason: 'root directory record is invalid' });
    const volumeId = ascii(d.subarray(40, 72)).trim();
    return { reader, volumeId, volumeBytes, root: { ...root, name: '' } };
  }
  throw new AppError('iso.notIso', { reason: 'no primary volume descriptor' });
}

function parseRecord(b: Uint8Array, at: number, imageSize: number): IsoEntry | undefined {
  const len = b[at]!;
  if (len < 34 || at + len > b.length) return undefined;
  const lba = readU32LE(b, at + 2);
  const length = readU32LE(b, at + 10);
  const flags = b[at + 25]!;
  const nameLen = b[at + 32]!;
  if (33 + nameLen > len) throw new AppError('iso.corrupt', { reason: 'directory record name overruns the record' });
  const raw = b.subarray(at + 33, at + 33 + nameLen);
  let name: string;
  if (nameLen === 1 && raw[0] === 0) name = '.';
  else if (nameLen === 1 && raw[0] === 1) name = '..';
  else name = normaliseName(String.fromCharCode(...raw));
  const offset = lba * SECTOR;
  if (offset + length > imageSize) throw new AppError('iso.truncated', { expected: offset + length, actual: imageSize });
  return { name, isDirectory: (flags & 2) !== 0, offset, length };
}

/** `IGNINFO.JSO;1` -> `IGNINFO.JSO`, `IMAGES.` -> `IMAGES` */
function normaliseName(name: string): string {
  return name.replace(/;1$/, '').replace(/\.$/, '');
}

export async function listDirectory(volume: IsoVolume, dir: IsoEntry): Promise<IsoEntry[]> {
  if (!dir.isDirectory) throw new AppError('iso.corrupt', { reason: `${dir.name} is not a directory` });
  if (dir.length > MAX_DIRECTORY_BYTES) throw new AppError('iso.corrupt', { reason: `directory ${dir.name || '/'} claims ${dir.length} bytes` });
  const data = await volume.reader.read(dir.offset, dir.length);
  const entries: IsoEntry[] = [];
  let at = 0;
  while (at < data.length) {
    const len = data[at]!;
    if (len === 0) {
      // Records never span sectors: a zero length means "continue at the next sector".
      at = (Math.floor(at / SECTOR) + 1) * SECTOR;
      continue;
    }
    const entry = parseRecord(data, at, volume.reader.size);
    if (!entry) throw new AppError('iso.corrupt', { reason: `bad directory record in ${dir.name || '/'}` });
    if (entry.name !== '.' && entry.name !== '..') entries.push(entry);
    at += len;
  }
  return entries;
}

/**
 * Finds `path` (case-insensitive, `/`-separated). Returns undefined when a component is missing.
 * A directory whose extent was already visited on the way down is a loop: refused.
 */
export async function lookup(volume: IsoVolume, path: string): Promise<IsoEntry | undefined> {
  const parts = path.toUpperCase().split('/').filter(Boolean).map(normaliseName);
  if (parts.length > MAX_DEPTH) throw new AppError('iso.corrupt', { reason: `path ${path} is too deep` });
  let current = volume.root;
  const visited = new Set<number>([current.offset]);
  for (const [i, part] of parts.entries()) {
    const found = (await listDirectory(volume, current)).find((e) => e.name === part);
    if (!found) return undefined;
    if (i < parts.length - 1) {
      if (!found.isDirectory) return undefined;
      if (visited.has(found.offset)) throw new AppError('iso.directoryLoop', { path });
      visited.add(found.offset);
    }
    current = found;
  }
  return current;
}

export async function readEntry(volume: IsoVolume, entry: IsoEntry, maxBytes = 1024 * 1024): Promise<Uint8Array> {
  if (entry.length > maxBytes) throw new AppError('iso.corrupt', { reason: `${entry.name} is unexpectedly large (${entry.length} bytes)` });
  return volume.reader.read(entry.offset, entry.length);
}
