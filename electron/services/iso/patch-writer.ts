import { createHash } from 'node:crypto';
import { copyFile, link, open, rename, rm, statfs, type FileHandle } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import type { Patch } from '../../../shared/iso/iso-image';
import { fsyncDir } from '../fs/atomic-write';
import { fileError } from './file-reader';
import { sha256WithPatchesInWorker } from './hash-worker';

/**
 * Writing the embed areas. In place: a few pwrites and one fsync, independent of the image size.
 * Copy: the kernel copies the file to a temporary sibling while one read pass hashes what goes in
 * and what will come out; then the areas are written in place and the file is linked into place.
 */
const CHUNK = 1024 * 1024;
const READ_AHEAD = 4;
const PROGRESS_EVERY_MS = 250;
/** Room left on the disk after the copy, so the laptop is not left with 0 bytes free. */
const FREE_SPACE_MARGIN = 64 * 1024 * 1024;

export type ProgressFn = (bytes: number, total: number) => void;

export async function writePatchesInPlace(handle: FileHandle, patches: readonly Patch[], path: string): Promise<void> {
  try {
    for (const p of patches) {
      let done = 0;
      while (done < p.bytes.length) {
        const { bytesWritten } = await handle.write(p.bytes, done, p.bytes.length - done, p.offset + done);
        done += bytesWritten;
      }
    }
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
  outputSha256: string;
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

/**
 * Copies `sourcePath` (already open as `source`) to `outputPath` with `patches` applied. The bulk
 * copy is the kernel's (copy_file_range via copyFile, like cp) while this thread hashes the source
 * and the output-to-be in one read pass; then the areas are written in place, the file is fsynced
 * and linked into place without clobbering. If `expectedSourceSha256` differs, nothing appears.
 */
export async function copyWithPatches(
  source: FileHandle,
  sourcePath: string,
  size: number,
  outputPath: string,
  patches: readonly Patch[],
  options: { overwrite?: boolean; expectedSourceSha256?: string | undefined; onProgress?: ProgressFn } = {},
): Promise<CopyResult> {
  const dir = dirname(outputPath);
  const tmp = join(dir, `.${basename(outputPath)}.${randomBytes(6).toString('hex')}.partial`);
  const copying = copyFile(sourcePath, tmp, fsConstants.COPYFILE_EXCL);
  // Input hash here, output hash on a worker thread: three streams over the page cache at once.
  const hashingIn = hashWithPatches(source, size, null, options.onProgress);
  const hashingOut = sha256WithPatchesInWorker(sourcePath, size, patches);
  const [copied, hashedIn, hashedOut] = await Promise.allSettled([copying, hashingIn, hashingOut]);
  try {
    if (copied.status === 'rejected') throw copied.reason;
    if (hashedIn.status === 'rejected') throw hashedIn.reason;
    if (hashedOut.status === 'rejected') throw new AppError('iso.ioError', { path: sourcePath, code: String(hashedOut.reason) });
    const hashes = { sourceSha256: hashedIn.value, outputSha256: hashedOut.value };
    if (options.expectedSourceSha256 && options.expectedSourceSha256 !== hashes.sourceSha256) {
      throw new AppError('iso.sourceChecksumMismatch', { expected: options.expectedSourceSha256, actual: hashes.sourceSha256 });
    }
    const out = await open(tmp, 'r+');
    try {
      if ((await out.stat()).size !== size) throw new AppError('iso.truncated', { expected: size, actual: (await out.stat()).size });
      await writePatchesInPlace(out, patches, tmp);
      await out.sync();
    } finally {
      await out.close();
    }
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
    return hashes;
  } catch (err) {
    await rm(tmp, { force: true });
    throw fileError(err, outputPath);
  }
}

export async function sha256File(handle: FileHandle, size: number): Promise<string> {
  const hash = createHash('sha256');
  const buf = new Uint8Array(CHUNK);
  for (let pos = 0; pos < size; ) {
    const { bytesRead } = await handle.read(buf, 0, Math.min(CHUNK, size - pos), pos);
    if (bytesRead === 0) break;
    hash.update(buf.subarray(0, bytesRead));
    pos += bytesRead;
  }
  return hash.digest('hex');
}
