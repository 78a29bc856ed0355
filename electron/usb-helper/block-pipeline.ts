import type { ReadAt } from './block-io';
import type { BlockHasher } from './block-hasher';

export interface PipelineIo {
  /** Buffers over SharedArrayBuffers, the ones `hasher` was made with; their count is the queue depth */
  slots: readonly Buffer[];
  hasher: BlockHasher;
  blockSize: number;
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
 * Reads [start, end) block by block and, per block, writes it and hands it to the hash worker:
 * with N slots up to N blocks are in flight (read ahead, several writes queued at the device, the
 * hash of one block running while the next ones are written), and a slot is reused only when its
 * write and its hash are both done. Writes are issued in image order; hashes are fed in image order.
 * Returns false when `stop` ended it early. The first I/O error wins, after everything in flight settled.
 */
export async function pipeBlocks(io: PipelineIo, start: number, end: number): Promise<boolean> {
  const busy: Promise<void>[] = io.slots.map(() => Promise.resolve());
  let posted: Promise<void> = Promise.resolve();
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
    const read = io.read(buffer, length, at);
    // posting waits for the previous block's post, so the worker sees the blocks in order
    const post = Promise.all([read, posted]).then(() => ({ hashed: io.hasher.update(slot, length) }));
    posted = post.then(() => undefined);
    const written = read.then(() => io.write(buffer.subarray(0, length), at));
    busy[slot] = Promise.all([post.then((p) => p.hashed), written]).then(() => undefined);
    busy[slot]!.catch(fail);
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
