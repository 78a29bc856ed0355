import { finished } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { PauseSignal } from './download-control';
import { openPartSink } from './part-sink';
import { PartWriter } from './part-writer';
import type { WorkerHasher } from './worker-hasher';

/** Bytes per write and per hash hand-off, and how many such batches a download holds (24 MiB). */
const BATCH_SIZE = 4 * 1024 * 1024;
const BATCHES = 6;

export interface BodyTarget {
  path: string;
  /** Offset in the part where the body's first byte goes */
  from: number;
  signal: AbortSignal;
  stallTimeoutMs: number;
  /** Hashes every byte as it is written (the running hash of the part, already at `from`) */
  hasher: WorkerHasher;
  /** Counts received bytes (progress); called once per socket chunk, so it must stay cheap */
  onBytes: (n: number) => void;
  /** A write failed: the disk may hold less than the hash saw */
  onFlushFailed: () => void;
}

/**
 * Streams a response body into the part file: chunks are taken from the raw Readable with 'data'
 * events (no promise per chunk), coalesced into 4 MiB direct writes and then hashed on the worker
 * (part-writer.ts, part-sink.ts); the body is paused while every batch is out. The connection is
 * dropped when no byte arrives for stallTimeoutMs. Every byte received is written even after a
 * dropped connection, so a resume asks for nothing twice.
 */
export async function streamBody(body: Readable, target: BodyTarget): Promise<void> {
  const sink = await openPartSink(target.path, target.from, BATCHES, BATCH_SIZE);
  const writer = new PartWriter(sink, target.from, BATCH_SIZE, target.hasher, {
    onRoom: () => body.resume(),
    onError: (err) => body.destroy(err as Error),
  });
  const stall = stallWatch(body, target.stallTimeoutMs);
  const onAbort = () => body.destroy(new PauseSignal());
  target.signal.addEventListener('abort', onAbort);
  let failure: { err: unknown } | undefined;
  try {
    body.on('data', (chunk: Buffer) => {
      stall.lastAt = performance.now();
      target.onBytes(chunk.length);
      try {
        if (!writer.push(chunk)) body.pause();
      } catch (err) {
        body.destroy(err as Error);
      }
    });
    await finished(body);
  } catch (err) {
    failure = { err };
  } finally {
    stall.stop();
    target.signal.removeEventListener('abort', onAbort);
  }
  try {
    await writer.finish();
  } catch (err) {
    failure = { err }; // the disk's error explains the stopped body better than the body's own
    target.onFlushFailed();
  } finally {
    await sink.close().catch(() => undefined);
  }
  if (failure) throw failure.err;
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
