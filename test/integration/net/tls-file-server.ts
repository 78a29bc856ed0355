import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createTestCa } from '../../../electron/services/simulators/test-ca';

export interface TlsFileServer {
  port: number;
  caPem: string;
  body: Buffer;
  sha256: string;
  /** The Range header of every request ('' when none) */
  readonly ranges: string[];
  close(): Promise<void>;
}

/**
 * An https server with a throw-away CA (certificate for 127.0.0.1 and localhost) serving one file
 * with an ETag and byte ranges. The first full request is cut after half the body, so a client must
 * resume with Range + If-Range to finish.
 */
export async function startTlsFileServer(size = 256 * 1024): Promise<TlsFileServer> {
  const ca = await createTestCa('sfk-net-test-ca');
  const body = randomBytes(size);
  const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
  const ranges: string[] = [];
  let cut = false;
  const server = createServer({ cert: ca.serverCertPem, key: ca.serverKeyPem }, (req, res) => {
    const range = req.headers.range ?? '';
    ranges.push(range);
    const m = /^bytes=(\d+)-$/.exec(range);
    if (m && req.headers['if-range'] === etag) {
      const start = Number(m[1]);
      res.writeHead(206, { etag, 'content-length': body.length - start, 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` });
      res.end(body.subarray(start));
      return;
    }
    res.writeHead(200, { etag, 'content-length': body.length });
    if (!cut) {
      cut = true;
      res.write(body.subarray(0, size / 2), () => setImmediate(() => res.destroy()));
      return;
    }
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    caPem: ca.caPem,
    body,
    sha256: createHash('sha256').update(body).digest('hex'),
    ranges,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
