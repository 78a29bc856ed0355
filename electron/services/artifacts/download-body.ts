import { open } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { PauseSignal } from './download-control';
import type { WorkerHasher } from './worker-hasher';

/** No byte for this long: the partial batch is written instead of waiting for it to fill. */
const QUIET_MS = 200;

export interface BodyTarget {
  path: string;
  /** Offset in the part where the body's first byte goes */
  from: number;
  signal: AbortSignal;
  stallTimeoutMs: number;
  /** Writes and hashes every byte received (the running hash of the part, already at `from`) */
  hasher: WorkerHasher;
  /** Counts received bytes (progress); called once per socket chunk, so it must stay cheap */
  onBytes: (n: number) => void;
  /** A write failed: the disk may hold less than was received, so the running hash is void */
  onFlushFailed: () => void;
}

/**
 * Streams a response body into the part file. Chunks are taken from the raw Readable with 'data'
 * events — no promise per chunk — and copied into the hasher's batches; its worker writes each
 * batch at its offset and then hashes it, so this thread only receives. The body is paused while
 * the worker lags behind (its back-pressure), and dropped when no byte arrives for
 * stallTimeoutMs. Every byte received is written even after a dropped connection, and a partial
 * batch is written when the link goes quiet for QUIET_MS, so a resume asks for nothing twice (a
 * killed process loses at most one batch).
 */
export async function streamBody(body: Readable, target: BodyTarget): Promise<void> {
  const file = await open(target.path, target.from > 0 ? 'r+' : 'w').catch((err: unknown) => {
    body.destroy();
    throw err;
  });
  let writeError: unknown;
  target.hasher.writeTo(file.fd, target.from, (err) => {
    writeError ??= err;
    body.destroy(err);
  });
  const stall = stallWatch(body, target.stallTimeoutMs);
  // A quiet link: write what is batched, so the part (what a resume trusts) holds every byte received.
  const quiet = setInterval(() => performance.now() - stall.lastAt >= QUIET_MS && target.hasher.flush(), QUIET_MS);
  const onAbort = () => body.destroy(new PauseSignal());
  target.signal.addEventListener('abort', onAbort);
  let failure: unknown;
  try {
    body.on('data', (chunk: Buffer) => {
      stall.lastAt = performance.now();
      target.onBytes(chunk.length);
      target.hasher.update(chunk);
      if (target.hasher.hasRoom()) return;
      body.pause();
      void target.hasher.waitForRoom().then(() => body.resume());
    });
    await finished(body);
  } catch (err) {
    failure = writeError ?? err;
  } finally {
    stall.stop();
    clearInterval(quiet);
    target.signal.removeEventListener('abort', onAbort);
  }
  try {
    await target.hasher.settle();
  } catch (err) {
    failure = writeError ?? err;
    target.onFlushFailed();
  } finally {
    await file.close().catch(() => undefined);
  }
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
