import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A small reverse proxy on loopback in front of nginx that injects the faults a field link
 * produces. Each incoming request takes the next planned fault (then `pass` forever):
 *  - cut: forward the real response but drop the connection after N body bytes
 *  - stall: send N body bytes, then nothing (socket stays open)
 *  - status: answer with this status and no body (5xx, 403, 416 …)
 *  - path: serve a different file from now on (the file changed on the mirror: its real ETag changes)
 * It records every request's Range/If-Range so tests can see what the client asked for.
 */
export type Fault =
  { type: 'pass' } | { type: 'cut'; after: number } | { type: 'stall'; after: number } | { type: 'status'; status: number; headers?: Record<string, string> } | { type: 'swap'; to: string };

export interface SeenRequest {
  path: string;
  range?: string;
  ifRange?: string;
  status?: number;
  bytesSent: number;
}

export interface FaultProxy {
  url: string;
  plan(faults: Fault[]): void;
  seen: SeenRequest[];
  /** Total response body bytes sent to clients */
  bytesSent(): number;
  close(): Promise<void>;
}

export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  let queue: Fault[] = [];
  const seen: SeenRequest[] = [];
  const swaps = new Map<string, string>();
  const sockets = new Set<Socket>();
  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    const fault = queue.shift() ?? { type: 'pass' };
    let path = req.url ?? '/';
    if (fault.type === 'swap') swaps.set(path, fault.to);
    path = swaps.get(path) ?? path;
    const record: SeenRequest = { path: req.url ?? '/', range: req.headers.range, ifRange: req.headers['if-range'] as string | undefined, bytesSent: 0 };
    seen.push(record);
    if (fault.type === 'status') {
      record.status = fault.status;
      res.writeHead(fault.status, { 'content-length': '0', ...(fault.headers ?? {}) });
      res.end();
      return;
    }
    const headers = { ...req.headers };
    delete headers.host;
    const up = http.request(`${upstream}${path}`, { method: req.method, headers }, (upRes) => {
      record.status = upRes.statusCode;
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      const limit = fault.type === 'cut' || fault.type === 'stall' ? fault.after : Infinity;
      upRes.on('data', (chunk: Buffer) => {
        if (record.bytesSent >= limit) return;
        const room = limit - record.bytesSent;
        const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
        record.bytesSent += part.length;
        if (record.bytesSent >= limit) {
          upRes.destroy();
          // cut: drop the connection once exactly N bytes have left; stall: stay open and silent
          res.write(part);
          // FIN after the buffered bytes (a RST could discard bytes still in the kernel buffer)
          if (fault.type === 'cut') res.socket?.end();
          return;
        }
        const ok = res.write(part);
        if (!ok) {
          upRes.pause();
          res.once('drain', () => upRes.resume());
        }
      });
      upRes.on('end', () => res.end());
    });
    up.on('error', () => res.socket?.destroy());
    up.end();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    plan(faults) {
      queue = [...faults];
      swaps.clear();
    },
    seen,
    bytesSent: () => seen.reduce((n, r) => n + r.bytesSent, 0),
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
