import type { IncomingMessage, ServerResponse } from 'node:http';
import { sha256Hex } from './content';

/**
 * Serves one file like a static mirror does (ETag, Range with If-Range, 416), and in flaky mode
 * misbehaves like a bad site link: per file, the first transfer is cut part-way (the connection
 * is reset), the second stalls part-way (the connection stays open and silent), the third goes
 * through. The download engine must resume each time from the bytes it already has.
 */
export interface FlakyLink {
  on: boolean;
  /** Per path, transfers started since flaky mode was switched on */
  attempts: Map<string, number>;
  /** Pause between 64 KiB chunks while flaky, so progress, the cut and the stall can be watched (0 in tests) */
  chunkDelayMs: number;
  /** Open stalled responses, ended when the mirror closes */
  stalled: Set<ServerResponse>;
}

export interface ServedRequest {
  path: string;
  range?: string;
  status: number;
  /** What flaky mode did to this transfer */
  fault?: 'cut' | 'stall';
}

const CHUNK = 64 * 1024;

export function serveFile(req: IncomingMessage, res: ServerResponse, path: string, body: Buffer, flaky: FlakyLink, log: (r: ServedRequest) => void): void {
  const range = req.headers.range;
  const etag = `"${sha256Hex(body).slice(0, 16)}"`;
  const m = range && (!req.headers['if-range'] || req.headers['if-range'] === etag) ? /^bytes=(\d+)-$/.exec(range) : null;
  const start = m ? Number(m[1]) : 0;
  if (start >= body.length && body.length > 0) {
    log({ path, ...(range ? { range } : {}), status: 416 });
    res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
    return;
  }
  const slice = body.subarray(start);
  const status = m ? 206 : 200;
  res.writeHead(status, {
    'content-type': path.endsWith('.txt') ? 'text/plain' : path.endsWith('.json') ? 'application/json' : 'application/octet-stream',
    'content-length': slice.length,
    'accept-ranges': 'bytes',
    etag,
    ...(m ? { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}),
  });
  if (req.method === 'HEAD') {
    log({ path, ...(range ? { range } : {}), status });
    res.end();
    return;
  }
  // Small files (sha256sum.txt) pass untouched: the point is resuming a large transfer.
  const fault = flaky.on && slice.length > 2 * CHUNK ? nextFault(flaky, path) : undefined;
  log({ path, ...(range ? { range } : {}), status, ...(fault ? { fault } : {}) });
  // Cut or stall a third of the way into what is left, never at the very start.
  const limit = fault ? Math.max(CHUNK, Math.floor(slice.length / 3)) : slice.length;
  void send(res, slice.subarray(0, limit), flaky.on ? flaky.chunkDelayMs : 0).then(() => {
    if (fault === 'cut') res.socket?.destroy();
    else if (fault === 'stall') flaky.stalled.add(res);
    else res.end();
  });
}

function nextFault(flaky: FlakyLink, path: string): 'cut' | 'stall' | undefined {
  const n = flaky.attempts.get(path) ?? 0;
  flaky.attempts.set(path, n + 1);
  return (['cut', 'stall', undefined] as const)[n % 3];
}

async function send(res: ServerResponse, data: Buffer, delayMs: number): Promise<void> {
  for (let at = 0; at < data.length && !res.destroyed; at += CHUNK) {
    const ok = res.write(data.subarray(at, at + CHUNK));
    if (!ok) await drainedOrClosed(res);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.on('drain', done).on('close', done);
  });
}
