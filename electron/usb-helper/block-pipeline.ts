import type { ReadAt } from './block-io';

export interface PipelineIo {
  /** Block buffers (aligned for the device); their count is the queue depth */
  slots: readonly Buffer[];
  blockSize: number;
  /** Fills a slot with the image's bytes at a position (embed areas already substituted) */
  read: ReadAt;
  write: (data: Buffer, position: number) => Promise<void>;
  /** Asked before each block: true stops issuing (what is in flight still finishes) */
  stop: () => boolean;
  /** Called in image order as the blocks' writes complete, with the end of the written range */
  onWritten: (upTo: number) => void;
  /** Buffered fallback: sync this often (every write in flight is waited for first) */
  syncEvery?: { bytes: number; sync: () => Promise<void> };
}

/**
 * Reads [start, end) block by block and writes each block: with N slots up to N blocks are in
 * flight (the next ones read while several writes are queued at the device), and a slot is reused
 * only when its write is done. Writes are issued in image order. Nothing is hashed here: the stick
 * is checked once, by reading it back (run-job.ts), so the write path is as lean as dd's.
 * Returns false when `stop` ended it early. The first I/O error wins, after everything in flight settled.
 */
export async function pipeBlocks(io: PipelineIo, start: number, end: number): Promise<boolean> {
  const busy: Promise<void>[] = io.slots.map(() => Promise.resolve());
  let progress: Promise<void> = Promise.resolve();
  let lastSync = start;
  let completed = true;
  let failure: { error: unknown } | undefined;
  const fail = (error: unknown) => {
    failure ??= { error };
  };
  for (let position = start, index = 0; position < end && !failure; index++) {
    const slot = index % io.slots.length;
    await busy[slot]!.catch(() => undefined);
    if (failure) break;
    if (io.stop()) {
      completed = false;
      break;
    }
    const length = Math.min(io.blockSize, end - position);
    const at = position;
    const buffer = io.slots[slot]!;
    const written = io.read(buffer, length, at).then(() => io.write(buffer.subarray(0, length), at));
    busy[slot] = written;
    written.catch(fail);
    progress = progress.then(() => written).then(() => io.onWritten(at + length));
    progress.catch(() => undefined);
    position += length;
    if (io.syncEvery && position - lastSync >= io.syncEvery.bytes) {
      await Promise.all(busy).catch(fail);
      if (!failure) await io.syncEvery.sync().catch(fail);
      lastSync = position;
    }
  }
  await Promise.allSettled(busy);
  if (failure) throw failure.error;
  await progress;
  return completed;
}
