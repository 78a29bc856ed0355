import { Worker } from 'node:worker_threads';

/**
 * SHA-256 — and, while a download streams, the writes into the part file — on a worker thread, so
 * the main thread only receives. Received bytes are copied once into large batches whose memory is
 * transferred (not cloned) to the worker and back for reuse; the worker writes a batch at its
 * position with one write call, then hashes it, so the hash never covers a byte the file lacks.
 * Large batches mean few write calls and few messages (profiled: 64 KiB writes through the libuv
 * thread pool plus a separate hash hand-off cost about as much CPU as receiving). At most
 * `maxInFlight` batches are out, which keeps memory bounded whatever the size.
 */
/**
 * Bytes per write call. Measured on the project machine (ext4, kernel 6.18): writing 1 GiB into
 * the page cache costs ≈ 0.2 s of system time in 64–256 KiB writes but 0.5–2 s in 0.5–4 MiB
 * writes, so a batch is written (and hashed, while still in the CPU cache) in slices of this size.
 */
const WRITE_SLICE = 64 * 1024;

/**
 * While the link is the limit, the worker flushes the part (fdatasync) every this many bytes, so
 * the fsync before the rename has little left to do: at 1 Gbit/s it otherwise waits ≈ 0.4 s for
 * the whole GiB at the end. Only when the worker was busy less than BUSY_SHARE_TO_FLUSH of the time
 * since its last flush (measured: 0.11–0.13 at 1 Gbit/s, 0.5–0.98 at memory speed): with both cores
 * busy, flushing during the download made it 0.5–1.4 s slower per GiB, so there the one fsync at
 * the end stays.
 */
const FLUSH_EVERY = 64 * 1024 * 1024;
const BUSY_SHARE_TO_FLUSH = 0.3;

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { writeSync, fdatasyncSync } = require('node:fs');
const hash = createHash('sha256');
const SLICE = ${WRITE_SLICE};
let failed = false;
// since the last flush: bytes written, time spent writing and hashing, and when the window began
let dirty = 0, busyMs = 0, windowStart = performance.now();
parentPort.on('message', (m) => {
  if (m.buf) {
    const bytes = new Uint8Array(m.buf, 0, m.len);
    let flushed = false;
    if (!failed) {
      try {
        const started = performance.now();
        for (let at = 0; at < m.len; at += SLICE) {
          const end = Math.min(at + SLICE, m.len);
          if (m.fd !== undefined) for (let done = at; done < end; ) done += writeSync(m.fd, bytes, done, end - done, m.pos + done);
          hash.update(bytes.subarray(at, end));
        }
        if (m.fd !== undefined) {
          const now = performance.now();
          dirty += m.len;
          busyMs += now - started;
          if (dirty >= m.flushEvery) {
            if (busyMs < ${BUSY_SHARE_TO_FLUSH} * (now - windowStart)) {
              fdatasyncSync(m.fd);
              flushed = true;
            }
            dirty = 0;
            busyMs = 0;
            windowStart = performance.now();
          }
        }
      } catch (err) {
        failed = true;
        parentPort.postMessage({ error: { message: err.message, code: err.code, syscall: err.syscall } });
      }
    }
    // hand the memory back for reuse: no garbage, no GC lag on either thread
    parentPort.postMessage({ ack: true, buf: m.buf, flushed }, [m.buf]);
  } else if (m.digest) {
    parentPort.postMessage({ digest: hash.digest('hex') });
  }
});
`;

interface WorkerMessage {
  ack?: true;
  buf?: ArrayBuffer;
  flushed?: boolean;
  digest?: string;
  error?: { message: string; code?: string; syscall?: string };
}

export class WorkerHasher {
  bytes = 0;
  /** How often the worker flushed the file during the download (the link left it time to) */
  flushes = 0;
  private readonly worker: Worker;
  private batch: Buffer;
  private used = 0;
  private inFlight = 0;
  private waiters: (() => void)[] = [];
  private digestWaiter?: { resolve: (hex: string) => void; reject: (err: Error) => void };
  private failure?: Error;
  private spare: ArrayBuffer[] = [];
  /** The file batches are written into (see writeTo) and where the next batch goes */
  private file?: { fd: number; pos: number; onError: (err: Error) => void };

  constructor(
    private readonly batchSize = 1024 * 1024,
    private readonly maxInFlight = 8,
    private readonly flushEvery = FLUSH_EVERY,
  ) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true });
    this.worker.unref();
    this.batch = Buffer.allocUnsafeSlow(batchSize);
    this.worker.on('message', (m: WorkerMessage) => {
      if (m.ack) {
        this.inFlight--;
        if (m.buf) this.spare.push(m.buf);
        if (m.flushed) this.flushes++;
        this.wakeWaiters();
      } else if (m.error) {
        this.fail(Object.assign(new Error(m.error.message), { code: m.error.code, syscall: m.error.syscall }));
      } else if (m.digest !== undefined) {
        this.digestWaiter?.resolve(m.digest);
      }
    });
    this.worker.on('error', (err) => this.fail(err));
  }

  /**
   * From now on every batch is written to `fd` (from `position`) before it is hashed, until
   * settle(). A failed write stops both; `onError` hears of it at once.
   */
  writeTo(fd: number, position: number, onError: (err: Error) => void): void {
    this.flush();
    this.file = { fd, pos: position, onError };
  }

  update(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    let offset = 0;
    while (offset < chunk.length) {
      const n = Math.min(chunk.length - offset, this.batchSize - this.used);
      this.batch.set(n === chunk.length ? chunk : chunk.subarray(offset, offset + n), this.used);
      this.used += n;
      offset += n;
      if (this.used === this.batchSize) this.flush();
    }
  }

  /** Whether the worker can take more right now (false: wait for waitForRoom before the next update) */
  hasRoom(): boolean {
    return this.inFlight < this.maxInFlight || this.failure !== undefined;
  }

  /** Resolves when the worker has room again (back-pressure for a fast source). */
  waitForRoom(): Promise<void> {
    if (this.hasRoom()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Sends the partial batch and waits until the worker has written (and hashed) every byte given
   * so far; rejects with the write error if one failed. Ends writeTo.
   */
  async settle(): Promise<void> {
    this.flush();
    this.file = undefined;
    while (this.inFlight > 0 && !this.failure) await new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.failure) throw this.failure;
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

  private fail(err: Error): void {
    this.failure ??= err;
    this.file?.onError(err);
    this.digestWaiter?.reject(err);
    this.wakeWaiters();
  }

  private wakeWaiters(): void {
    const ready = this.waiters;
    this.waiters = [];
    for (const w of ready) w();
  }

  /** Sends the partial batch now (e.g. when the link goes quiet, so the part holds what arrived). */
  flush(): void {
    if (this.used === 0) return;
    const buf = this.batch.buffer as ArrayBuffer;
    const file = this.file;
    this.worker.postMessage({ buf, len: this.used, fd: file?.fd, pos: file?.pos, flushEvery: this.flushEvery }, [buf]);
    if (file) file.pos += this.used;
    this.inFlight++;
    const reuse = this.spare.pop();
    this.batch = reuse ? Buffer.from(reuse, 0, this.batchSize) : Buffer.allocUnsafeSlow(this.batchSize);
    this.used = 0;
  }
}
