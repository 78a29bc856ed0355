import { ALIGN, type Batch, type PartSink } from './part-sink';
import type { WorkerHasher } from './worker-hasher';

export interface PartWriterOptions {
  /** A partly filled batch is written after this long, so a slow or stalled link's bytes reach the disk */
  maxHoldMs?: number;
  /** A batch came back and push() has room again: resume the source */
  onRoom: () => void;
  /** A write failed: stop the source (finish() rejects with the error) */
  onError: (err: unknown) => void;
}

interface Filling {
  batch: Batch;
  view: Buffer;
  /** Where the batch's bytes start (the file position's offset in its block, for direct I/O) */
  start: number;
  used: number;
  position: number;
}

/**
 * Coalesces a socket's 64 KiB chunks into large batches (the sink's): each batch is written with
 * one write (direct where possible; in order, one at a time, so the part never has a hole), then
 * moved to the hashing worker, then reused. Memory is the sink's batches whatever the file size;
 * push() asks the source to pause while every batch is out.
 */
export class PartWriter {
  private readonly free: Batch[];
  private readonly total: number;
  private readonly batchSize: number;
  private current?: Filling;
  private position: number;
  private writing: Promise<void> = Promise.resolve();
  private failure?: { err: unknown };
  private holdTimer?: NodeJS.Timeout;
  private drained?: () => void;

  constructor(
    private readonly sink: PartSink,
    from: number,
    batchSize: number,
    private readonly hasher: WorkerHasher,
    private readonly options: PartWriterOptions,
  ) {
    this.free = [...sink.batches];
    this.total = this.free.length;
    this.batchSize = batchSize;
    this.position = from;
  }

  /** Takes a chunk (copied: the caller may reuse it); false = pause the source until onRoom. */
  push(chunk: Uint8Array): boolean {
    let offset = 0;
    while (offset < chunk.length) {
      const filling = this.current ?? this.take();
      if (!filling) throw new Error('PartWriter.push called while paused'); // the source ignored pause()
      const n = Math.min(chunk.length - offset, this.batchSize - filling.used);
      filling.view.set(chunk.subarray(offset, offset + n), filling.used);
      filling.used += n;
      offset += n;
      if (filling.used === this.batchSize) this.submit();
    }
    return this.free.length > 0;
  }

  /** Writes what is held and resolves once every byte pushed is on disk (or rejects with the first write error). */
  async finish(): Promise<void> {
    this.submit();
    await this.writing;
    while (this.free.length < this.total) await new Promise<void>((resolve) => (this.drained = resolve));
    if (this.failure) throw this.failure.err;
  }

  private take(): Filling | undefined {
    const batch = this.free.pop();
    if (!batch) return undefined;
    // The batch mirrors the file's block grid: byte at file position p sits at p mod ALIGN.
    const start = this.sink.direct ? this.position % ALIGN : 0;
    this.current = { batch, view: Buffer.from(batch.buf, batch.offset, this.batchSize), start, used: start, position: this.position };
    this.holdTimer = setTimeout(() => this.submit(), this.options.maxHoldMs ?? 100);
    return this.current;
  }

  private submit(): void {
    clearTimeout(this.holdTimer);
    const filling = this.current;
    this.current = undefined;
    if (!filling) return;
    const { batch, start, used, position } = filling;
    if (used === start) return this.release(batch);
    this.position = position + (used - start);
    this.writing = this.writing
      .then(() => this.write(batch, start, used, position))
      .finally(() => this.hasher.hashMoved(batch.buf, batch.offset + start, batch.offset + used, (buf) => this.release({ buf, offset: batch.offset })));
  }

  private release(batch: Batch): void {
    const wasFull = this.free.length === 0;
    // a worker that failed hands back nothing usable: digest() reports it, the source only needs room
    this.free.push(batch.buf.byteLength > 0 ? batch : { buf: new ArrayBuffer(batch.offset + this.batchSize), offset: batch.offset });
    if (wasFull && !this.failure) this.options.onRoom();
    if (this.free.length === this.total) this.drained?.();
  }

  private async write(batch: Batch, start: number, end: number, position: number): Promise<void> {
    if (this.failure) return;
    try {
      await this.sink.write(batch, start, end, position);
    } catch (err) {
      this.failure = { err };
      this.options.onError(err);
    }
  }
}
