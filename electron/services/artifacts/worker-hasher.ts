import { Worker } from 'node:worker_threads';

/**
 * SHA-256 on a worker thread, so hashing (≈ 1.7 GB/s with SHA extensions, ≈ 0.5 GB/s without)
 * overlaps with receiving and writing instead of adding to them. Memory moves (is transferred, not
 * cloned) to the worker and back for reuse: hashMoved() takes a download's batches once they are
 * written (part-writer.ts); update() copies ordinary chunks (a resumed part's prefix read from
 * disk) into 4 MiB batches of its own, at most `maxInFlight` out at a time.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hash = createHash('sha256');
parentPort.on('message', (m) => {
  if (m.moved) {
    hash.update(new Uint8Array(m.moved, m.start, m.end - m.start));
    parentPort.postMessage({ moved: m.moved }, [m.moved]);
  } else if (m.buf) {
    hash.update(new Uint8Array(m.buf, 0, m.len));
    // hand the memory back for reuse: no garbage, no GC lag on either thread
    parentPort.postMessage({ ack: true, buf: m.buf }, [m.buf]);
  } else if (m.digest) {
    parentPort.postMessage({ digest: hash.digest('hex') });
  }
});
`;

export class WorkerHasher {
  bytes = 0;
  private readonly worker: Worker;
  /** update()'s batch, made on first use (a download's own bytes come through hashMoved) */
  private batch?: Buffer;
  private used = 0;
  private inFlight = 0;
  private waiters: (() => void)[] = [];
  private digestWaiter?: { resolve: (hex: string) => void; reject: (err: Error) => void };
  private failure?: Error;
  private spare: ArrayBuffer[] = [];
  /** Who gets each moved batch back, in order (the worker answers in the order it was asked) */
  private readonly returns: ((buf: ArrayBuffer) => void)[] = [];

  constructor(
    private readonly batchSize = 4 * 1024 * 1024,
    private readonly maxInFlight = 4,
  ) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true });
    this.worker.unref();
    this.worker.on('message', (m: { ack?: true; buf?: ArrayBuffer; moved?: ArrayBuffer; digest?: string }) => {
      if (m.moved) {
        this.returns.shift()?.(m.moved);
      } else if (m.ack) {
        this.inFlight--;
        if (m.buf) this.spare.push(m.buf);
        const ready = this.waiters;
        this.waiters = [];
        for (const w of ready) w();
      } else if (m.digest !== undefined) {
        this.digestWaiter?.resolve(m.digest);
      }
    });
    this.worker.on('error', (err) => {
      this.failure = err;
      for (const back of this.returns.splice(0)) back(new ArrayBuffer(0));
      this.digestWaiter?.reject(err);
      for (const w of this.waiters) w();
    });
  }

  update(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    let offset = 0;
    while (offset < chunk.length) {
      const n = Math.min(chunk.length - offset, this.batchSize - this.used);
      this.batch ??= Buffer.allocUnsafeSlow(this.batchSize);
      this.batch.set(chunk.subarray(offset, offset + n), this.used);
      this.used += n;
      offset += n;
      if (this.used === this.batchSize) this.flush();
    }
  }

  /**
   * Hashes bytes [start, end) of an ArrayBuffer the caller gives up until `done` hands it back
   * (moved to the worker and back, never copied). Bytes given to update() before are hashed first.
   */
  hashMoved(buf: ArrayBuffer, start: number, end: number, done: (buf: ArrayBuffer) => void): void {
    this.flush();
    this.bytes += end - start;
    if (this.failure) return done(buf);
    this.returns.push(done);
    this.worker.postMessage({ moved: buf, start, end }, [buf]);
  }

  /** Resolves when the worker has room again (back-pressure for a fast source). */
  waitForRoom(): Promise<void> {
    if (this.inFlight < this.maxInFlight || this.failure) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async digest(): Promise<string> {
    if (this.failure) throw this.failure;
    this.flush();
    const result = new Promise<string>((resolve, reject) => (this.digestWaiter = { resolve, reject }));
    this.worker.ref();
    this.worker.postMessage({ digest: true });
    try {
      return await result;
    } finally {
      this.close();
    }
  }

  close(): void {
    void this.worker.terminate();
  }

  private flush(): void {
    if (this.used === 0 || !this.batch) return;
    const buf = this.batch.buffer as ArrayBuffer;
    this.worker.postMessage({ buf, len: this.used }, [buf]);
    this.inFlight++;
    const reuse = this.spare.pop();
    this.batch = reuse ? Buffer.from(reuse, 0, this.batchSize) : undefined;
    this.used = 0;
  }
}
