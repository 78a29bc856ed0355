import { createHash } from 'node:crypto';
import { link, open, rename, rm, statfs, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import type { Patch } from '../../../shared/iso/iso-image';
import { fsyncDir } from '../fs/atomic-write';
import { fileError } from './file-reader';

/**
 * Writing the embed areas. In place: a few pwrites and one fsync, independent of the image size.
 * Copy: one streamed pass that reads the source, substitutes the areas and writes a temporary
 * sibling of the output, hashing what went in and what came out on the way (read-ahead and
 * write-behind overlap with the hashing), then renames without clobbering.
 */
const CHUNK = 8 * 1024 * 1024;
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
 * Streams `source` (already open) into `outputPath` with `patches` substituted. The output appears
 * only when complete; if `expectedSourceSha256` is given and differs, nothing appears at all.
 */
export async function copyWithPatches(
  source: FileHandle,
  size: number,
  outputPath: string,
  patches: readonly Patch[],
  options: { overwrite?: boolean; expectedSourceSha256?: string; onProgress?: ProgressFn } = {},
): Promise<CopyResult> {
  const dir = dirname(outputPath);
  const tmp = join(dir, `.${basename(outputPath)}.${randomBytes(6).toString('hex')}.partial`);
  let out: FileHandle;
  try {
    out = await open(tmp, 'wx', 0o644);
  } catch (err) {
    throw fileError(err, dir);
  }
  const hashIn = createHash('sha256');
  const hashOut = createHash('sha256');
  const buffers = [new Uint8Array(CHUNK), new Uint8Array(CHUNK), new Uint8Array(CHUNK)];
  let lastProgress = 0;
  let pendingWrite: Promise<unknown> = Promise.resolve();
  let pendingRead: Promise<{ bytesRead: number }> = Promise.resolve({ bytesRead: 0 });
  try {
    let position = 0;
    let index = 0;
    if (size > 0) pendingRead = source.read(buffers[0]!, 0, Math.min(CHUNK, size), 0);
    while (position < size) {
      const { bytesRead } = await pendingRead;
      if (bytesRead === 0) throw new AppError('iso.truncated', { expected: size, actual: position });
      const cur = buffers[index % 3]!;
      const nextPos = position + bytesRead;
      // Write of the buffer the next read reuses finished one iteration ago (awaited below).
      if (nextPos < size) pendingRead = source.read(buffers[(index + 1) % 3]!, 0, Math.min(CHUNK, size - nextPos), nextPos);
      const view = cur.subarray(0, bytesRead);
      hashIn.update(view);
      applyToChunk(cur, bytesRead, position, patches);
      hashOut.update(view);
      await pendingWrite;
      pendingWrite = writeFully(out, view, position);
      position = nextPos;
      index++;
      const now = Date.now();
      if (options.onProgress && now - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = now;
        options.onProgress(position, size);
      }
    }
    await pendingWrite;
    const sourceSha256 = hashIn.digest('hex');
    if (options.expectedSourceSha256 && options.expectedSourceSha256 !== sourceSha256) {
      throw new AppError('iso.sourceChecksumMismatch', { expected: options.expectedSourceSha256, actual: sourceSha256 });
    }
    await out.sync();
    await out.close();
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
    return { sourceSha256, outputSha256: hashOut.digest('hex') };
  } catch (err) {
    await Promise.allSettled([pendingRead, pendingWrite]);
    await out.close().catch(() => {});
    await rm(tmp, { force: true });
    throw fileError(err, outputPath);
  }
}

async function writeFully(handle: FileHandle, data: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const { bytesWritten } = await handle.write(data, done, data.length - done, position + done);
    done += bytesWritten;
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
