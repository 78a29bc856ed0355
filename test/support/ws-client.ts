import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';

/** A renderer folder with just an index.html, so the real host starts without `vite build`. */
export function stubRendererDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sfk-stub-renderer-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>stub</title>');
  return dir;
}

export interface HostAddress {
  port: number;
  token: string;
}

export function addressOf(url: string): HostAddress {
  const parsed = new URL(url);
  return { port: Number(parsed.port), token: parsed.searchParams.get('token') ?? '' };
}

/** A token holder's connection: the right token, Origin and Host, exactly as the renderer connects. */
export function connect(host: HostAddress): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc?token=${host.token}`, {
      headers: { origin: `http://127.0.0.1:${host.port}` },
    });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

export interface Outcome {
  /** The reply to the good request sent after the bad message, if the connection stayed open */
  reply?: { ok: boolean };
  /** Close code and reason, if the host closed this connection */
  closed?: { code: number; reason: string };
}

/**
 * Sends `send` (the bad message), then a good request on the same connection, and resolves with
 * whichever comes first: the good request's reply (the host carried on) or the close (the host
 * dropped this connection). Messages on one connection are handled in order, so the reply can
 * only come after the bad message was read.
 */
export function afterBadMessage(ws: WebSocket, send: (ws: WebSocket) => void): Promise<Outcome> {
  const probeId = 'probe-after-bad-message';
  return new Promise((resolve) => {
    // A client still writing a huge frame sees the reset; the close event follows.
    ws.on('error', () => {});
    ws.on('message', (data) => {
      let msg: { id?: unknown; reply?: { ok: boolean } };
      try {
        msg = JSON.parse(String(data)) as typeof msg;
      } catch {
        return;
      }
      if (msg.id === probeId) resolve({ reply: msg.reply! });
    });
    ws.once('close', (code, reason) => resolve({ closed: { code, reason: String(reason) } }));
    send(ws);
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: probeId, method: 'app.info' }));
  });
}

/** A fresh connection that gets a correct answer to a good request: the host is still serving. */
export async function stillServes(host: HostAddress): Promise<boolean> {
  const ws = await connect(host);
  try {
    const outcome = await afterBadMessage(ws, () => {});
    return outcome.reply?.ok === true;
  } finally {
    ws.close();
  }
}

/** Sends one raw request object and waits for the reply that carries its id. */
export interface Reply<R> {
  ok: boolean;
  result?: R;
  error?: { code: string; params?: Record<string, unknown> };
}
export function request<R = unknown>(ws: WebSocket, message: Record<string, unknown> & { id: string | number }): Promise<Reply<R>> {
  return new Promise((resolve, reject) => {
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { id?: unknown; reply?: Reply<R> };
      if (msg.id === message.id) resolve(msg.reply!);
    });
    ws.once('close', (code) => reject(new Error(`closed with ${code} before the reply`)));
    ws.send(JSON.stringify(message));
  });
}
