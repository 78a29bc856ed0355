import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { PauseSignal } from './download-control';
import type { WorkerHasher } from './worker-hasher';

export interface BodyTarget {
  path: string;
  /** Offset in the part where the body's first byte goes */
  from: number;
  signal: AbortSignal;
  stallTimeoutMs: number;
  /** Hashes every byte received (the running hash of the part, already at `from`) */
  hasher: WorkerHasher;
  /** Counts received bytes (progress); called once per socket chunk, so it must stay cheap */
  onBytes: (n: number) => void;
  /** The final flush failed: the disk may hold less than the hash saw */
  onFlushFailed: () => void;
}

/**
 * Streams a response body into the part file. Chunks are taken from the raw Readable with 'data'
 * events — no promise per chunk — and each is handed to the hasher and the file stream while it is
 * still in the CPU cache; the body is paused while either lags behind (their back-pressure), and
 * dropped when no byte arrives for stallTimeoutMs. Every byte received is flushed even after a
 * dropped connection, so a resume asks for nothing twice.
 */
export async function streamBody(body: Readable, target: BodyTarget): Promise<void> {
  const out = createWriteStream(target.path, { flags: target.from > 0 ? 'r+' : 'w', start: target.from, highWaterMark: 4 * 1024 * 1024 });
  let writeError: unknown;
  out.on('error', (err) => {
    writeError ??= err;
    body.destroy(err);
  });
  let waiting = 0; // back-pressures the body is paused for
  const release = () => {
    if (--waiting === 0) body.resume();
  };
  out.on('drain', () => waiting > 0 && release());
  const stall = stallWatch(body, target.stallTimeoutMs);
  const onAbort = () => body.destroy(new PauseSignal());
  target.signal.addEventListener('abort', onAbort);
  let failure: unknown;
  try {
    body.on('data', (chunk: Buffer) => {
      stall.lastAt = performance.now();
      target.onBytes(chunk.length);
      target.hasher.update(chunk);
      const fileFull = !out.write(chunk);
      const hashFull = !target.hasher.hasRoom();
      if (!fileFull && !hashFull) return;
      if (waiting === 0) body.pause();
      waiting += Number(fileFull) + Number(hashFull);
      if (hashFull) void target.hasher.waitForRoom().then(release);
    });
    await finished(body);
  } catch (err) {
    failure = writeError ?? err;
  } finally {
    stall.stop();
    target.signal.removeEventListener('abort', onAbort);
  }
  await new Promise<void>((resolve, reject) => {
    if (out.destroyed) return reject(writeError ?? failure ?? new Error('write stream closed'));
    out.end((err?: Error | null) => (err ? reject(err) : resolve()));
  }).catch((err: unknown) => {
    failure = writeError ?? err;
    target.onFlushFailed();
  });
  if (failure) throw failure;
}

/**
 * Drops the body when no byte came for `ms`: one timer, re-armed from the last byte's time when it
 * fires, instead of clearing and setting a timer for every chunk.
 */
function stallWatch(body: Readable, ms: number): { lastAt: number; stop: () => void } {
  const watch = { lastAt: performance.now(), stop: () => clearTimeout(timer) };
  const check = () => {
    const idle = performance.now() - watch.lastAt;
    if (idle >= ms) body.destroy(Object.assign(new Error('no data received'), { code: 'ESTALL' }));
    else timer = setTimeout(check, ms - idle);
  };
  let timer = setTimeout(check, ms);
  return watch;
}
