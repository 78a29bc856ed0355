import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../../../electron/host/browser-host';
import { resolveInside } from '../../../electron/host/static-files';
import { startTestBackend } from '../../support/backend';
import type { Backend } from '../../../electron/app/backend';

let host: BrowserHost;
let backend: Backend;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sfk-static-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'sfk-outside-secret.txt'), 'secret');
  ({ backend } = await startTestBackend());
  host = await startBrowserHost({ dispatch: backend.dispatch, bus: backend.services.bus, staticRoot: root });
});
afterAll(async () => {
  await host.close();
  await backend.dispose();
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers: { host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (d) => (body += String(d)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(opts: { token?: string; origin?: string; host?: string }): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc?token=${opts.token ?? host.token}`, {
      headers: { origin: opts.origin ?? `http://127.0.0.1:${host.port}`, host: opts.host ?? `127.0.0.1:${host.port}` },
    });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, method: string, input?: unknown): Promise<{ ok: boolean; result?: unknown; error?: { code: string } }> {
  const id = Math.floor(Math.random() * 1e9);
  return new Promise((resolve) => {
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { id?: number; reply?: never };
      if (msg.id === id) resolve(msg.reply!);
    });
    ws.send(JSON.stringify({ id, method, input }));
  });
}

describe('browser host', () => {
  it('binds 127.0.0.1 on a random port and prints a tokenised URL', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[A-Za-z0-9_-]{32}$`));
  });

  it('serves the renderer with a strict CSP', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(res.headers['content-security-policy'])).not.toContain('unsafe-eval');
    expect((await get('/assets/app.js')).headers['content-type']).toMatch(/javascript/);
  });

  it('refuses path traversal and a foreign Host header (DNS rebinding)', async () => {
    expect((await get('/../sfk-outside-secret.txt')).status).toBe(404);
    expect((await get('/%2e%2e/sfk-outside-secret.txt')).status).toBe(404);
    expect((await get('/', { host: 'evil.example:80' })).status).toBe(421);
    expect(resolveInside(root, '/..%2fx')).toBeNull();
    expect(resolveInside(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
  });

  it('requires the token, our Origin and our Host for the API', async () => {
    await expect(connect({ token: 'wrong' })).rejects.toThrow(/403/);
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(connect({ host: 'evil.example' })).rejects.toThrow(/403/);
    const ws = await connect({});
    const reply = await call(ws, 'app.info');
    expect(reply.ok).toBe(true);
    expect(reply.result).toMatchObject({ shell: 'browser' });
    ws.close();
  });

  it('answers unknown methods and bad input with coded errors, and pushes events', async () => {
    const ws = await connect({});
    expect((await call(ws, 'fs.readFile', { path: '/etc/passwd' })).error?.code).toBe('common.unknownMethod');
    expect((await call(ws, 'jobs.get', { id: '../../x' })).error?.code).toBe('common.invalidInput');
    const event = new Promise<unknown>((resolve) =>
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data)) as { event?: string; payload?: unknown };
        if (msg.event === 'jobs.changed') resolve(msg.payload);
      }),
    );
    const created = (await call(ws, 'jobs.create', { kind: 'manual', title: 'w' })).result as { id: string };
    expect(await event).toEqual({ id: created.id });
    ws.close();
  });

  it('never starts inside a packaged app', async () => {
    await expect(startBrowserHost({ dispatch: backend.dispatch, bus: backend.services.bus, staticRoot: root, packaged: true })).rejects.toThrow(/never runs inside a packaged app/);
  });
});
