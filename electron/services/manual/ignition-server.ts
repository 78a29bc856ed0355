import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { isIP } from 'node:net';
import { AppError } from '../../../shared/api/errors';

export interface ServedFile {
  /** URL path segment, e.g. "new-worker.ign" */
  name: string;
  bytes: Uint8Array;
}

export interface AccessEntry {
  at: string;
  remote: string;
  method: string;
  path: string;
  status: number;
  /** The served file's name when one was served */
  file?: string;
  bytes: number;
}

export interface IgnitionServerOptions {
  /** An address of this machine, picked by the technician; never a wildcard */
  host: string;
  port: number;
  files: ServedFile[];
  onAccess?: (entry: AccessEntry) => void;
  now?: () => number;
}

export interface RunningIgnitionServer {
  host: string;
  port: number;
  /** http://host:port/ (IPv6 in brackets) */
  baseUrl: string;
  files: { name: string; size: number; sha512: string; url: string }[];
  close(): Promise<void>;
}

/** Files are only ever these names: one path segment, no dot files, no separators or escapes. */
export const SERVABLE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function contentTypeOf(name: string): string {
  if (name.endsWith('.ign')) return 'application/vnd.coreos.ignition+json';
  if (name.endsWith('.json')) return 'application/json';
  if (name.endsWith('.yaml') || name.endsWith('.yml')) return 'application/yaml';
  if (name.endsWith('.sh')) return 'text/x-shellscript; charset=utf-8';
  return 'text/plain; charset=utf-8';
}

export interface LocalAddress {
  interface: string;
  address: string;
  family: 4 | 6;
  internal: boolean;
  /** CIDR as the OS reports it, to show the technician which network the address is on */
  cidr?: string;
}

/** The laptop's own addresses, for the technician to choose where the server listens. */
export function localAddresses(): LocalAddress[] {
  const out: LocalAddress[] = [];
  for (const [name, list] of Object.entries(networkInterfaces())) {
    for (const a of list ?? []) {
      // Link-local IPv6 needs a zone id that a node cannot type into a URL reliably: left out.
      if (a.family === 'IPv6' && a.address.toLowerCase().startsWith('fe80')) continue;
      out.push({ interface: name, address: a.address, family: a.family === 'IPv4' ? 4 : 6, internal: a.internal, ...(a.cidr ? { cidr: a.cidr } : {}) });
    }
  }
  return out.sort((a, b) => Number(a.internal) - Number(b.internal) || a.family - b.family);
}

export function urlHost(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

/**
 * A read-only HTTP server for exactly the given files: GET and HEAD only, no listing, no path
 * other than "/<name>", content snapshot taken at start (so the hash in the per-node config
 * always matches what is served), every request reported to `onAccess`.
 */
export async function startIgnitionServer(options: IgnitionServerOptions): Promise<RunningIgnitionServer> {
  const host = options.host;
  if (isIP(host) === 0) throw new AppError('manual.serverAddressInvalid', { host });
  if (host === '0.0.0.0' || host === '::') throw new AppError('manual.serverWildcard', { host });
  if (!localAddresses().some((a) => a.address === host)) throw new AppError('manual.serverAddressNotLocal', { host });
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) throw new AppError('manual.serverPortInvalid', { port: options.port });
  const files = new Map<string, { bytes: Buffer; type: string; sha512: string }>();
  for (const f of options.files) {
    if (!SERVABLE_NAME.test(f.name)) throw new AppError('manual.serverFileName', { name: f.name });
    const bytes = Buffer.from(f.bytes);
    files.set(f.name, { bytes, type: contentTypeOf(f.name), sha512: createHash('sha512').update(bytes).digest('hex') });
  }
  const now = options.now ?? Date.now;

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? '';
    const rawPath = req.url ?? '';
    let status = 200;
    let sent = 0;
    const finish = (served?: string) => {
      const entry: AccessEntry = { at: new Date(now()).toISOString(), remote: remoteOf(req), method: method.slice(0, 16), path: rawPath.slice(0, 200), status, bytes: sent };
      if (served) entry.file = served;
      options.onAccess?.(entry);
    };
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const reply = (code: number, text: string, extra: Record<string, string> = {}) => {
      status = code;
      const body = Buffer.from(`${text}\n`);
      res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': body.length, ...extra });
      if (method === 'HEAD') res.end();
      else {
        sent = body.length;
        res.end(body);
      }
      finish();
    };
    if (method !== 'GET' && method !== 'HEAD') return reply(405, 'Method not allowed', { Allow: 'GET, HEAD' });
    // Only "/<name>" (a query string is tolerated and ignored); no decoding, so %2e%2e or %2f never become path parts.
    const path = rawPath.split('?')[0]!;
    const name = path.startsWith('/') ? path.slice(1) : '';
    const file = SERVABLE_NAME.test(name) ? files.get(name) : undefined;
    if (!file) return reply(404, 'Not found');
    status = 200;
    res.writeHead(200, { 'Content-Type': file.type, 'Content-Length': file.bytes.length });
    if (method === 'HEAD') res.end();
    else {
      sent = file.bytes.length;
      res.end(file.bytes);
    }
    finish(name);
  };

  const server: Server = createServer(handle);
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new AppError('manual.serverPortInUse', { host, port: options.port }));
      else if (err.code === 'EACCES') reject(new AppError('manual.serverPortDenied', { port: options.port }));
      else reject(new AppError('manual.serverBindFailed', { host, port: options.port, reason: err.code ?? err.message }));
    });
    server.listen({ host, port: options.port, exclusive: true }, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const baseUrl = `http://${urlHost(host)}:${port}/`;
  return {
    host,
    port,
    baseUrl,
    files: [...files.entries()].map(([name, f]) => ({ name, size: f.bytes.length, sha512: f.sha512, url: `${baseUrl}${name}` })),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function remoteOf(req: IncomingMessage): string {
  const a = req.socket.remoteAddress ?? '?';
  return a.startsWith('::ffff:') ? a.slice(7) : a;
}
