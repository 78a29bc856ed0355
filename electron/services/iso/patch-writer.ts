import { createHash } from 'node:crypto';
import { copyFile, link, lstat, open, rename, rm, statfs, type FileHandle } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import type { Patch } from '../../../shared/iso/iso-image';
import { fsyncDir } from '../fs/atomic-write';
import { fileError } from './file-reader';

/**
 * Writing the embed areas. In place: a few pwrites and one fsync, independent of the image size.
 * Copy: the kernel clones the file to a temporary sibling (a reflink where the file system can,
 * else copy_file_range), the source is hashed alongside only when its sha256 is not already known,
 * then the areas are written in place and the file is linked into place. The output's sha256 is
 * not computed here: see output-record.ts (computed and checked on first use).
 */
const CHUNK = 1024 * 1024;
const READ_AHEAD = 4;
const PROGRESS_EVERY_MS = 250;
/** Room left on the disk after the copy, so the laptop is not left with 0 bytes free. */
const FREE_SPACE_MARGIN = 64 * 1024 * 1024;

export type ProgressFn = (bytes: number, total: number) => void;

async function writePatches(handle: FileHandle, patches: readonly Patch[]): Promise<void> {
  for (const p of patches) {
    let done = 0;
    while (done < p.bytes.length) {
      const { bytesWritten } = await handle.write(p.bytes, done, p.bytes.length - done, p.offset + done);
      done += bytesWritten;
    }
  }
}

/** In place the file is the technician's own copy and the only one: the areas are made durable at once. */
export async function writePatchesInPlace(handle: FileHandle, patches: readonly Patch[], path: string): Promise<void> {
  try {
    await writePatches(handle, patches);
    await handle.datasync();
  } catch (err) {
    throw fileError(err, path);
  }
}

export async function checkFreeSpace(dir: string, needed: number): Promise<void> {
  let free: number;
  try {
    const s = await statfs(dir);
    free = Number(s.bavail) * Number(s.bsize);
  } catch {
    return; // statfs unsupported: the write itself will report ENOSPC, and the temp file is removed
  }
  if (free < needed + FREE_SPACE_MARGIN) throw new AppError('iso.notEnoughSpace', { dir, neededMiB: Math.ceil((needed + FREE_SPACE_MARGIN) / 2 ** 20), freeMiB: Math.floor(free / 2 ** 20) });
}

/** Substitutes the patch bytes that fall inside this chunk. */
function applyToChunk(buf: Uint8Array, length: number, position: number, patches: readonly Patch[]): void {
  for (const p of patches) {
    const start = Math.max(p.offset, position);
    const end = Math.min(p.offset + p.bytes.length, position + length);
    if (start >= end) continue;
    buf.set(p.bytes.subarray(start - p.offset, end - p.offset), start - position);
  }
}

export interface CopyResult {
  sourceSha256: string;
}

/**
 * sha256 of the open file, or of the file with `patches` substituted, in one read pass with
 * read-ahead so the disk and the hashing overlap.
 */
export async function hashWithPatches(source: FileHandle, size: number, patches: readonly Patch[] | null, onProgress?: ProgressFn): Promise<string> {
  const hash = createHash('sha256');
  // Small buffers stay in the CPU cache between the read and the two hashes.
  const ring = Array.from({ length: READ_AHEAD }, () => new Uint8Array(CHUNK));
  const reads: Promise<{ bytesRead: number }>[] = [];
  let nextRead = 0;
  let issued = 0;
  const issueRead = () => {
    const len = Math.min(CHUNK, size - nextRead);
    reads.push(source.read(ring[issued++ % READ_AHEAD]!, 0, len, nextRead));
    nextRead += len;
  };
  let lastProgress = 0;
  try {
    while (nextRead < size && reads.length < READ_AHEAD - 1) issueRead();
    for (let position = 0, index = 0; position < size; index++) {
      const { bytesRead } = await reads.shift()!;
      if (bytesRead === 0) throw new AppError('iso.truncated', { expected: size, actual: position });
      // The slot the next read fills is the one hashed last iteration: free now.
      if (nextRead < size) issueRead();
      const cur = ring[index % READ_AHEAD]!;
      const view = cur.subarray(0, bytesRead);
      if (patches) applyToChunk(cur, bytesRead, position, patches);
      hash.update(view);
      position += bytesRead;
      const now = Date.now();
      if (onProgress && now - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = now;
        onProgress(position, size);
      }
    }
  } finally {
    await Promise.allSettled(reads);
  }
  return hash.digest('hex');
}

export interface CopyOptions {
  overwrite?: boolean;
  expectedSourceSha256?: string | undefined;
  /** The source's sha256 as the artifact cache verified it: the source is then not read again */
  knownSourceSha256?: string | undefined;
  onProgress?: ProgressFn;
  /** Runs once the copy is complete and patched, before it gets its final name (output-record.ts) */
  beforeLink?: (sourceSha256: string) => Promise<void>;
}

/**
 * Copies `sourcePath` (already open as `source`) to `outputPath` with `patches` applied and links it
 * into place without clobbering (or renames over it with `overwrite`). If `expectedSourceSha256`
 * differs from the source's, nothing appears. The bulk is not fsynced: see output-record.ts.
 */
export async function copyWithPatches(source: FileHandle, sourcePath: string, size: number, outputPath: string, patches: readonly Patch[], options: CopyOptions = {}): Promise<CopyResult> {
  const dir = dirname(outputPath);
  const tmp = join(dir, `.${basename(outputPath)}.${randomBytes(6).toString('hex')}.partial`);
  // libuv: FICLONE first (btrfs, xfs: shares the extents, O(1)), else copy_file_range in the kernel
  // (strace on this ext4: ioctl(FICLONE) = EOPNOTSUPP, then one copy_file_range for the whole file)
  const copying = copyFile(sourcePath, tmp, fsConstants.COPYFILE_EXCL | fsConstants.COPYFILE_FICLONE);
  const hashingIn = options.knownSourceSha256 ? Promise.resolve(options.knownSourceSha256) : hashWithPatches(source, size, null, options.onProgress);
  const [copied, hashedIn] = await Promise.allSettled([copying, hashingIn]);
  try {
    if (copied.status === 'rejected') throw copied.reason;
    if (hashedIn.status === 'rejected') throw hashedIn.reason;
    const sourceSha256 = hashedIn.value;
    if (options.expectedSourceSha256 && options.expectedSourceSha256 !== sourceSha256) {
      throw new AppError('iso.sourceChecksumMismatch', { expected: options.expectedSourceSha256, actual: sourceSha256 });
    }
    const out = await open(tmp, 'r+');
    try {
      const copiedSize = (await out.stat()).size;
      if (copiedSize !== size) throw new AppError('iso.truncated', { expected: size, actual: copiedSize });
      await writePatches(out, patches);
    } finally {
      await out.close();
    }
    // no-clobber: refuse before the record is saved, so an existing file's record is never replaced
    if (
      !options.overwrite &&
      (await lstat(outputPath).then(
        () => true,
        () => false,
      ))
    )
      throw new AppError('iso.outputExists', { path: outputPath });
    await options.beforeLink?.(sourceSha256);
    if (options.overwrite) await rename(tmp, outputPath);
    else {
      try {
        await link(tmp, outputPath);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new AppError('iso.outputExists', { path: outputPath });
        throw err;
      }
      await rm(tmp, { force: true });
    }
    await fsyncDir(dir);
    options.onProgress?.(size, size);
    return { sourceSha256 };
  } catch (err) {
    await rm(tmp, { force: true });
    throw fileError(err, outputPath);
  }
}

export async function sha256File(handle: FileHandle, size: number): Promise<string> {
  const hash = createHash('sha256');
  const buf = new Uint8Array(CHUNK);
  for (let pos = 0; pos < size;) {
    const { bytesRead } = await handle.read(buf, 0, Math.min(CHUNK, size - pos), pos);
    if (bytesRead === 0) break;
    hash.update(buf.subarray(0, bytesRead));
    pos += bytesRead;
  }
  return hash.digest('hex');
}
