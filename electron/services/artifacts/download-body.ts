import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { PauseSignal } from './download-control';

export interface BodyTarget {
  path: string;
  /** Offset in the part where the body's first byte goes */
  from: number;
  signal: AbortSignal;
  stallTimeoutMs: number;
  /** Sees every chunk before it is written (hashing, counters); may wait (the hasher's back-pressure) */
  onChunk: (chunk: Buffer) => Promise<void>;
  /** The final flush failed: the disk may hold less than onChunk saw */
  onFlushFailed: () => void;
}

/**
 * Streams a response body into the part file with back-pressure, dropping the connection when no
 * byte arrives for stallTimeoutMs. Every byte received is flushed even after a dropped connection,
 * so a resume asks for nothing twice.
 */
export async function streamBody(body: Readable, target: BodyTarget): Promise<void> {
  const out = createWriteStream(target.path, { flags: target.from > 0 ? 'r+' : 'w', start: target.from, highWaterMark: 1024 * 1024 });
  let writeError: unknown;
  out.on('error', (err) => (writeError ??= err));
  let stallTimer: NodeJS.Timeout | undefined;
  const armStall = () => {
    clearTimeout(stallTimer);
    stallTimer = setTimeout(() => body.destroy(Object.assign(new Error('no data received'), { code: 'ESTALL' })), target.stallTimeoutMs);
  };
  const onAbort = () => body.destroy(new PauseSignal());
  target.signal.addEventListener('abort', onAbort);
  let failure: unknown;
  armStall();
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      armStall();
      await target.onChunk(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
      if (writeError) throw writeError;
    }
  } catch (err) {
    failure = writeError ?? err;
  } finally {
    clearTimeout(stallTimer);
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
