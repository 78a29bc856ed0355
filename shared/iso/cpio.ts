import { AppError } from '../api/errors';
import { ascii, concatBytes, utf8 } from './byte-reader';
import { utf8Decode } from '../ignition/encoding';

/**
 * newc ("070701") cpio, the initramfs format. Written the way coreos-installer writes it: members
 * sorted by path, each parent directory once (040755) before its files, files 0100600, uid/gid 0,
 * mtime 0, nlink 1, unique inode numbers, then TRAILER!!!.
 */
export interface CpioMember {
  path: string;
  mode: number;
  data: Uint8Array;
}

const MAGIC = '070701';
const HEADER = 110;
const TRAILER = 'TRAILER!!!';
export const DIR_MODE = 0o040755;
export const FILE_MODE = 0o100600;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

export const isRegularFile = (mode: number) => (mode & S_IFMT) === S_IFREG;

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

function header(ino: number, mode: number, nlink: number, fileSize: number, nameSize: number): string {
  // ino mode uid gid nlink mtime filesize devmajor devminor rdevmajor rdevminor namesize check
  return MAGIC + [ino, mode, 0, 0, nlink, 0, fileSize, 0, 0, 0, 0, nameSize, 0].map(hex8).join('');
}

function pad4(n: number): Uint8Array {
  return new Uint8Array((4 - (n % 4)) % 4);
}

function entry(ino: number, path: string, mode: number, nlink: number, data: Uint8Array): Uint8Array[] {
  const name = utf8(path);
  const head = utf8(header(ino, mode, nlink, data.length, name.length + 1));
  const nameWithNul = concatBytes([name, new Uint8Array(1)]);
  return [head, nameWithNul, pad4(HEADER + nameWithNul.length), data, pad4(data.length)];
}

/** Files as a newc archive; `path` has no leading slash. */
export function writeCpio(files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const parts: Uint8Array[] = [];
  const dirs = new Set<string>();
  let ino = 1;
  for (const path of [...files.keys()].sort()) {
    if (path.startsWith('/') || path.split('/').some((p) => p === '' || p === '.' || p === '..')) {
      throw new AppError('iso.badMemberPath', { path });
    }
    const segments = path.split('/');
    for (let i = 1; i < segments.length; i++) {
      const dir = segments.slice(0, i).join('/');
      if (dirs.has(dir)) continue;
      dirs.add(dir);
      parts.push(...entry(ino++, dir, DIR_MODE, 2, new Uint8Array(0)));
    }
    parts.push(...entry(ino++, path, FILE_MODE, 1, files.get(path)!));
  }
  parts.push(...entry(0, TRAILER, 0, 1, new Uint8Array(0)));
  return concatBytes(parts);
}

export function isCpio(b: Uint8Array, at = 0): boolean {
  return b.length >= at + 6 && String.fromCharCode(...b.subarray(at, at + 6)) === MAGIC;
}

/** Parses one newc archive at `start`; returns its members (in order) and the offset after the trailer. */
export function readCpio(b: Uint8Array, start = 0): { members: CpioMember[]; end: number } {
  const members: CpioMember[] = [];
  let at = start;
  for (;;) {
    if (at + HEADER > b.length) throw new AppError('iso.badArchive', { reason: 'truncated cpio header' });
    const head = ascii(b.subarray(at, at + HEADER));
    if (!head.startsWith(MAGIC)) throw new AppError('iso.badArchive', { reason: `not a newc cpio header at ${at}` });
    const field = (i: number) => {
      const text = head.slice(6 + i * 8, 14 + i * 8);
      if (!/^[0-9a-fA-F]{8}$/.test(text)) throw new AppError('iso.badArchive', { reason: 'bad cpio header field' });
      return parseInt(text, 16);
    };
    const mode = field(1);
    const size = field(6);
    const nameSize = field(11);
    if (nameSize < 1) throw new AppError('iso.badArchive', { reason: 'empty cpio member name' });
    const nameEnd = at + HEADER + nameSize;
    if (nameEnd > b.length) throw new AppError('iso.badArchive', { reason: 'truncated cpio name' });
    const name = utf8Decode(b.subarray(at + HEADER, nameEnd - 1));
    const dataStart = nameEnd + ((4 - ((HEADER + nameSize) % 4)) % 4);
    if (dataStart + size > b.length) throw new AppError('iso.badArchive', { reason: `truncated cpio member ${name}` });
    at = dataStart + size + ((4 - (size % 4)) % 4);
    if (name === TRAILER) return { members, end: at };
    members.push({ path: name.replace(/^\.?\//, ''), mode, data: b.slice(dataStart, dataStart + size) });
  }
}

export { S_IFDIR };
