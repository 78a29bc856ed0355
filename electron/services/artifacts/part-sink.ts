import { constants, writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * Where a download's bytes go: the `.part` file, written with O_DIRECT where the file system
 * allows it. Profiled (docs/benchmarks.md, Downloads): copying 4 MiB batches into the page cache
 * cost more CPU than receiving and hashing them, and the fsync before the rename then had to
 * write it all back anyway; a direct write hands the batch to the disk without a copy. O_DIRECT
 * needs memory, file offsets and lengths aligned to the block size, which JavaScript can't ask for,
 * so every batch is over-allocated and its aligned offset found by probing (as the USB writer
 * does); the unaligned head and tail of a write go through an ordinary descriptor.
 */
export const ALIGN = 4096;
const PROBE = 4 * ALIGN; // the kernel lets a single block through at any address: probe with several

export interface Batch {
  /** The whole allocation (moved to the hashing worker and back) */
  buf: ArrayBuffer;
  /** Where the aligned batch starts in buf */
  offset: number;
}

export interface PartSink {
  readonly direct: boolean;
  /** Batches of batchSize bytes, aligned when direct; allocated up front (probing writes the file) */
  readonly batches: Batch[];
  /**
   * Writes bytes [start, end) of a batch at file position `position`; when direct, `start` must be
   * congruent to `position` modulo ALIGN (the batch memory mirrors the file's block grid).
   */
  write(batch: Batch, start: number, end: number, position: number): Promise<void>;
  close(): Promise<void>;
}

const alignUp = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

async function writeFull(handle: FileHandle, data: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const { bytesWritten } = await handle.write(data, done, data.length - done, position + done);
    if (bytesWritten <= 0) throw Object.assign(new Error('the disk accepted no bytes'), { code: 'EIO' });
    done += bytesWritten;
  }
}

/** The aligned offset of buf for O_DIRECT writes on fd (tried with a write at `at`), or -1. */
function probeOffset(fd: number, buf: ArrayBuffer, at: number, hint: number): number {
  const candidates = [hint, ...Array.from({ length: ALIGN / 16 }, (_, i) => i * 16).filter((o) => o !== hint)];
  for (const offset of candidates) {
    if (offset < 0 || offset + PROBE > buf.byteLength) continue;
    try {
      writeSync(fd, new Uint8Array(buf, offset, PROBE), 0, PROBE, at);
      return offset;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EINVAL') throw err;
    }
  }
  return -1;
}

async function openDirect(path: string): Promise<FileHandle | undefined> {
  if (constants.O_DIRECT === undefined) return undefined;
  try {
    return await open(path, constants.O_WRONLY | constants.O_DIRECT);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EINVAL') return undefined; // the file system has no direct I/O
    throw err;
  }
}

/** Aligned batches for `direct`, or undefined when probing shows the file system refuses them. */
function alignedBatches(direct: FileHandle, from: number, count: number, batchSize: number): Batch[] | undefined {
  const batches: Batch[] = [];
  let hint = 0;
  for (let i = 0; i < count; i++) {
    const buf = new ArrayBuffer(batchSize + ALIGN);
    const offset = probeOffset(direct.fd, buf, alignUp(from), hint);
    if (offset < 0) return undefined;
    batches.push({ buf, offset });
    hint = offset;
  }
  return batches;
}

/** Opens `path` for writing from `from` on (truncated when 0), with `count` batches of `batchSize`. */
export async function openPartSink(path: string, from: number, count: number, batchSize: number): Promise<PartSink> {
  const buffered = await open(path, from > 0 ? 'r+' : 'w');
  let direct: FileHandle | undefined;
  let batches: Batch[] | undefined;
  try {
    direct = await openDirect(path);
    batches = direct ? alignedBatches(direct, from, count, batchSize) : undefined;
    // the probes wrote past `from`: cut them off again before the first real byte
    if (direct) await buffered.truncate(from);
  } catch (err) {
    await direct?.close().catch(() => undefined);
    await buffered.close();
    throw err;
  }
  if (!batches) {
    await direct?.close();
    direct = undefined;
    batches = Array.from({ length: count }, () => ({ buf: new ArrayBuffer(batchSize), offset: 0 }));
  }
  const odirect = direct;
  return {
    direct: odirect !== undefined,
    batches,
    async write(batch, start, end, position) {
      const view = (a: number, b: number) => Buffer.from(batch.buf, batch.offset + a, b - a);
      if (!odirect) return writeFull(buffered, view(start, end), position);
      const headEnd = Math.min(end, start + (alignUp(position) - position));
      const midEnd = headEnd + Math.floor((end - headEnd) / ALIGN) * ALIGN;
      if (start < headEnd) await writeFull(buffered, view(start, headEnd), position);
      if (headEnd < midEnd) await writeFull(odirect, view(headEnd, midEnd), position + (headEnd - start));
      if (midEnd < end) await writeFull(buffered, view(midEnd, end), position + (midEnd - start));
    },
    async close() {
      await odirect?.close().catch(() => undefined);
      await buffered.close();
    },
  };
}
