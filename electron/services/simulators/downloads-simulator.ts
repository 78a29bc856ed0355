import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { createTestCa } from './test-ca';

/**
 * A local stand-in for the console's downloads route (the `downloads` Deployment of
 * openshift-console that serves <arch>/<os>/oc.tar and oc.zip): HTTPS with its own throw-away CA
 * (published to the simulated cluster as its ingress CA), ETag and Range so the download engine can
 * resume, and a switch to stall the first transfer of each file part-way (the client must drop it
 * and resume with Range).
 */
export interface DownloadsSimulator {
  url: string;
  caPem: string;
  readonly requests: { path: string; range?: string; status: number }[];
  close(): Promise<void>;
}

export interface DownloadsSimulatorOptions {
  /** path (e.g. /amd64/linux/oc.tar) -> content */
  files: Record<string, Buffer>;
  /** The first GET of each file stops sending after this many bytes and hangs, to exercise stall detection and resume */
  stallFirstAfterBytes?: number;
}

export async function startDownloadsSimulator(options: DownloadsSimulatorOptions): Promise<DownloadsSimulator> {
  const ca = await createTestCa('sno-field-kit-simulated-ingress-ca');
  const requests: DownloadsSimulator['requests'] = [];
  const stalled = new Set<string>();
  const server: Server = createServer({ cert: ca.serverCertPem, key: ca.serverKeyPem }, (req, res) => {
    const path = new URL(req.url ?? '/', 'https://x').pathname;
    const body = options.files[path];
    const range = req.headers.range;
    const record = (status: number) => requests.push({ path, ...(range ? { range } : {}), status });
    if (!body || req.method !== 'GET') {
      record(404);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    const m = range && (!req.headers['if-range'] || req.headers['if-range'] === etag) ? /^bytes=(\d+)-$/.exec(range) : null;
    const start = m ? Number(m[1]) : 0;
    if (start >= body.length && body.length > 0) {
      record(416);
      res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
      return;
    }
    const slice = body.subarray(start);
    const status = m ? 206 : 200;
    record(status);
    res.writeHead(status, {
      'content-type': 'application/octet-stream',
      'content-length': slice.length,
      'accept-ranges': 'bytes',
      etag,
      ...(m ? { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}),
    });
    if (options.stallFirstAfterBytes !== undefined && !stalled.has(path) && slice.length > options.stallFirstAfterBytes) {
      stalled.add(path);
      // The bytes arrive, then nothing more: the connection stays open until the client gives up on it.
      res.write(slice.subarray(0, options.stallFirstAfterBytes));
      return;
    }
    res.end(slice);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    caPem: ca.caPem,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The console's archives for one `oc` program: oc.tar (plain tar) for Linux, oc.zip for macOS and Windows. */
export function ocArchives(oc: Buffer): Record<string, Buffer> {
  const tar = tarOf('oc', oc);
  const zip = zipOf('oc', oc);
  return {
    '/amd64/linux/oc.tar': tar,
    '/arm64/linux/oc.tar': tar,
    '/ppc64le/linux/oc.tar': tar,
    '/s390x/linux/oc.tar': tar,
    '/amd64/mac/oc.zip': zip,
    '/arm64/mac/oc.zip': zip,
    '/amd64/windows/oc.zip': zipOf('oc.exe', oc),
  };
}

/** A ustar archive with one executable file (what Python's tarfile writes for the console). */
export function tarOf(name: string, content: Buffer, mode = 0o755): Buffer {
  const header = Buffer.alloc(512);
  const put = (text: string, at: number, len: number) => header.write(text.slice(0, len), at, len, 'utf8');
  const octal = (n: number, len: number) => n.toString(8).padStart(len - 1, '0');
  put(name, 0, 100);
  put(octal(mode, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(content.length, 12), 124, 12);
  put(octal(Math.floor(Date.now() / 1000), 12), 136, 12);
  header.fill(0x20, 148, 156);
  put('0', 156, 1);
  put('ustar\u000000', 257, 8);
  const sum = header.reduce((n, b) => n + b, 0);
  put(`${octal(sum, 7)}\u0000`, 148, 8);
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([header, content, padding, Buffer.alloc(1024)]);
}

/** A zip with one stored (uncompressed) entry. */
export function zipOf(name: string, content: Buffer): Buffer {
  const nameBuf = Buffer.from(name);
  const crc = crc32(content) >>> 0;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(nameBuf.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(0x031e, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(content.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(nameBuf.length, 28);
  central.writeUInt32LE((0o100755 << 16) >>> 0, 38);
  const centralOffset = local.length + nameBuf.length + content.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBuf.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, nameBuf, content, central, nameBuf, end]);
}
