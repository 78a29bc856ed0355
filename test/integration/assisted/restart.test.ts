import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type ApiClient } from '../../../shared/api/client';
import type { Transport } from '../../../shared/api/transport';
import type { AppError } from '../../../shared/api/errors';
import { startHost, type RunningHost } from '../../support/host';
import { startKeyringSession, type KeyringSession } from '../../support/keyring-session';
import { openshiftClusterId, sshPublicKey, startWorld, type AssistedWorld } from './fixture';

/** A WebSocket client for the real browser host, as the renderer uses it (token in the URL, same Origin). */
async function connect(hostUrl: string): Promise<{ api: ApiClient; close(): void }> {
  const page = new URL(hostUrl);
  const ws = new WebSocket(`ws://${page.host}/rpc?token=${page.searchParams.get('token')}`, { origin: `http://${page.host}` });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let next = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as { id?: number; reply?: { ok: boolean; result?: unknown; error?: unknown }; event?: string; payload?: unknown };
    if (msg.id !== undefined && msg.reply) {
      const w = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.reply.ok) w?.resolve(msg.reply.result);
      else w?.reject(msg.reply.error);
    } else if (msg.event) for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
  });
  const transport: Transport = {
    invoke: (method, input) =>
      new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject });
        ws.send(JSON.stringify({ id, method, input }));
      }),
    subscribe: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
  return { api: createClient(transport), close: () => ws.close() };
}

/** A pass-through to the simulator that can play "the link is down" (connections reset). */
async function startForwarder(target: string): Promise<{ url: string; down: boolean; close(): Promise<void> }> {
  const t = new URL(target);
  const state = { down: false };
  const server: Server = createServer((req, res) => {
    if (state.down) {
      req.socket.destroy();
      return;
    }
    const upstream = request({ host: t.hostname, port: t.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    get down() {
      return state.down;
    },
    set down(v: boolean) {
      state.down = v;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

let keyring: KeyringSession;
let world: AssistedWorld;
let forwarder: Awaited<ReturnType<typeof startForwarder>>;
let host: RunningHost | undefined;
let rendererDir: string;
const dataDir = mkdtempSync(join(tmpdir(), 'sfk-assisted-restart-'));

beforeAll(async () => {
  keyring = await startKeyringSession();
  world = await startWorld();
  forwarder = await startForwarder(world.assisted.url);
  // The host refuses to start without a built renderer; this test drives the API only.
  rendererDir = mkdtempSync(join(tmpdir(), 'sfk-assisted-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>test</title>');
}, 60_000);
afterAll(async () => {
  await host?.stop();
  await forwarder?.close();
  await world?.close();
  keyring?.stop();
});

const launch = () => startHost({ dataDir, args: ['--api-url', forwarder.url, '--sso-url', world.sso.tokenUrl], env: { ...keyring.env, SFK_RENDERER_DIR: rendererDir } });

describe('the assisted job survives a killed app and a lost link', () => {
  it('resumes after SIGKILL mid-installation without importing again, and reports offline until the link returns', async () => {
    const sim = world.assisted.day2;
    host = await launch();
    let conn = await connect(host.url);
    await conn.api.call('credentials.saveOfflineToken', { token: world.offlineToken });
    const job = await conn.api.call('jobs.create', { kind: 'assisted', title: 'restart me' });
    await conn.api.call('assisted.setCluster', { id: job.id, openshiftClusterId, apiHost: 'api.sno.example.com', version: '4.16.3' });
    await conn.api.call('assisted.prepareCluster', { id: job.id });
    await conn.api.call('assisted.saveInfraEnv', { id: job.id, pullSecretPath: world.pullSecretPath, sshPublicKey, imageType: 'full-iso' });
    const hostId = sim.bootHost({ hostname: 'worker-3' });
    sim.tick();
    await conn.api.call('assisted.refresh', { id: job.id });
    await conn.api.call('assisted.install', { id: job.id, hostId });
    sim.tick();
    const before = await conn.api.call('assisted.refresh', { id: job.id });
    expect(before.hosts[0]!.status).toBe('installing-in-progress');
    conn.close();

    // Kill the app without any chance to clean up, while the host keeps installing.
    host.process.kill('SIGKILL');
    await new Promise((r) => host!.process.once('exit', r));
    for (let i = 0; i < 6; i += 1) sim.tick();
    expect(sim.hostStatus(hostId)).toBe('added-to-existing-cluster');

    host = await launch();
    conn = await connect(host.url);
    let state = await conn.api.call('assisted.state', { id: job.id });
    // Everything needed to continue came back from disk; the last seen status too
    expect(state.data.clusterId).toBe([...sim.clusters.values()][0]!.id);
    expect(state.data.infraEnv?.id).toBe([...sim.infraEnvs.values()][0]!.id);
    expect(state.data.hosts[hostId]).toMatchObject({ name: 'worker-3', status: 'installing-in-progress' });
    const seenBefore = state.data.eventsSeen;
    expect(seenBefore).toBeGreaterThan(0);
    // Running the earlier step again adopts the cluster instead of importing a second one
    await conn.api.call('assisted.prepareCluster', { id: job.id });
    expect(sim.clusters.size).toBe(1);
    state = await conn.api.call('assisted.refresh', { id: job.id });
    expect(state.hosts[0]!.status).toBe('added-to-existing-cluster');
    // Events continue from the saved offset: none read twice
    const messages = state.data.events.map((e) => `${e.time}|${e.message}`);
    expect(new Set(messages).size).toBe(messages.length);

    // The link drops: the job is marked offline, nothing is lost, and it recovers by itself
    forwarder.down = true;
    const err = await conn.api.call('assisted.refresh', { id: job.id }).then(
      () => undefined,
      (e: unknown) => e as AppError,
    );
    expect(err?.code).toBe('assisted.offline');
    state = await conn.api.call('assisted.state', { id: job.id });
    expect(state.data.offline).toBe(true);
    expect(state.data.hosts[hostId]!.status).toBe('added-to-existing-cluster');
    forwarder.down = false;
    state = await conn.api.call('assisted.refresh', { id: job.id });
    expect(state.data.offline).toBe(false);
    conn.close();
  }, 120_000);
});
