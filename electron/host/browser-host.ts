import { createServer, type IncomingMessage, type Server } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Dispatch } from '../rpc/dispatcher';
import type { EventBus } from '../services/events/event-bus';
import type { Logger } from '../services/logging/logger';
import { readStatic } from './static-files';
import { serveConnection } from './ws-connection';

export interface BrowserHostOptions {
  dispatch: Dispatch;
  bus: EventBus;
  /** Built renderer (dist/renderer) */
  staticRoot: string;
  port?: number;
  /** Electron passes app.isPackaged: the host never runs inside a packaged app. */
  packaged?: boolean;
  token?: string;
  /** Where a connection dropped for a bad message is recorded (never the message itself). */
  logger?: Pick<Logger, 'warn'>;
}

/** One frame may carry at most this much; ws closes a connection that sends more with 1009. */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * The browser mode and end-to-end test host: the built renderer plus the same handlers over a
 * WebSocket, on 127.0.0.1 only. Every API connection must present the per-launch token; the
 * Host and Origin headers must name this very address (no DNS rebinding, no other web page).
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  if (options.packaged) throw new Error('The browser host is a development and test tool and never runs inside a packaged app.');
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = () => allowedHosts().map((h) => `http://${h}`);

  const server: Server = createServer(async (req, res) => {
    if (!allowedHosts().includes(req.headers.host ?? '')) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('Wrong Host header');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const file = await readStatic(options.staticRoot, new URL(req.url ?? '/', 'http://x').pathname);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      'content-type': file.type,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'content-security-policy': contentSecurityPolicy(port),
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    // Node stops watching an upgrade socket for errors; a client that resets it must not end the process.
    socket.on('error', () => {});
    if (!isAuthorised(req, token, allowedHosts(), allowedOrigins())) {
      socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveConnection(ws, options));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // xterm's DOM renderer and PatternFly create <style> elements; no script is ever inline.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

function isAuthorised(req: IncomingMessage, token: string, hosts: string[], origins: string[]): boolean {
  if (!hosts.includes(req.headers.host ?? '')) return false;
  if (!origins.includes(req.headers.origin ?? '')) return false;
  const presented = new URL(req.url ?? '/', 'http://x').searchParams.get('token') ?? '';
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
