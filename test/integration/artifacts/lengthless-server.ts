import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP/1.1 server that announces no size: no Content-Length, no chunked encoding, no ETag —
 * the body ends when the connection closes, as with HTTP/1.0-style servers and some proxies. With
 * `cutAfter` it sends only the first bytes of the file and closes normally, which is what a link
 * dropped mid-way looks like to the client: indistinguishable from the end of the file.
 */
export interface LengthlessServer {
  url: string;
  /** Bytes to send before closing, per path; absent = the whole file */
  cut(path: string, after: number | undefined): void;
  requests: string[];
  close(): Promise<void>;
}

export async function startLengthlessServer(files: Record<string, Buffer>): Promise<LengthlessServer> {
  const cuts = new Map<string, number>();
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let head = '';
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.removeAllListeners('data');
      const path = /^GET (\S+) HTTP\/1\.[01]\r\n/.exec(head)?.[1] ?? '';
      requests.push(path);
      const body = files[path];
      if (!body) {
        socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n');
      socket.end(body.subarray(0, cuts.get(path) ?? body.length));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cut: (path, after) => (after === undefined ? cuts.delete(path) : cuts.set(path, after)),
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
