import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { connect } from 'node:net';
import { createHash } from 'node:crypto';
import { startIgnitionServer, type AccessEntry, type RunningIgnitionServer } from '../../../electron/services/manual/ignition-server';
import { buildNodeIgnition } from '../../../shared/ignition/node-ignition';
import { workerIgnFixture } from '../../unit/manual/fixtures';

const WORKER = workerIgnFixture();
const sha512 = (b: string | Uint8Array) => createHash('sha512').update(b).digest('hex');

/** A raw HTTP request: the path is sent exactly as given (fetch() would normalise "..", which is what an attacker would not do). */
function raw(port: number, method: string, path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Bytes on the wire, for request lines no HTTP client library would produce. */
function rawLine(port: number, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(`${line}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    let text = '';
    socket.on('data', (d) => (text += d.toString('latin1')));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

describe('Ignition server (real HTTP on 127.0.0.1)', () => {
  let server: RunningIgnitionServer;
  const log: AccessEntry[] = [];
  let nodeIgn: string;

  beforeAll(async () => {
    // Port 0 here only because tests must not collide; the app always uses the port the technician picked.
    const probe = await startIgnitionServer({ host: '127.0.0.1', port: 0, files: [] });
    const port = probe.port;
    await probe.close();
    nodeIgn = buildNodeIgnition({ workerIgn: { url: `http://127.0.0.1:${port}/worker.ign`, sha512: sha512(WORKER) }, hostname: 'worker-1.sno1.example.com' });
    server = await startIgnitionServer({
      host: '127.0.0.1',
      port,
      files: [
        { name: 'worker.ign', bytes: Buffer.from(WORKER) },
        { name: 'new-worker.ign', bytes: Buffer.from(nodeIgn) },
        { name: 'ens3.nmconnection', bytes: Buffer.from('[connection]\nid=ens3\n') },
      ],
      onAccess: (e) => log.push(e),
    });
  });
  afterAll(() => server?.close());

  it('serves the per-node config with the Ignition content type, and the hash it carries matches the served worker.ign', async () => {
    const res = await fetch(`${server.baseUrl}new-worker.ign`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.coreos.ignition+json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const served = await res.text();
    expect(served).toBe(nodeIgn);
    const merge = JSON.parse(served).ignition.config.merge[0];
    const worker = await fetch(merge.source);
    const workerBytes = Buffer.from(await worker.arrayBuffer());
    expect(merge.verification.hash).toBe(`sha512-${sha512(workerBytes)}`);
    expect(server.files.find((f) => f.name === 'new-worker.ign')!.sha512).toBe(sha512(served));
  });

  it('keyfiles are plain text; HEAD gives headers and no body', async () => {
    const res = await raw(server.port, 'HEAD', '/ens3.nmconnection');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(Number(res.headers['content-length'])).toBe('[connection]\nid=ens3\n'.length);
    expect(res.body.length).toBe(0);
  });

  it('no listing, no traversal, no encoded tricks: only the exact file names exist', async () => {
    for (const path of [
      '/',
      '/..',
      '/../job.json',
      '/%2e%2e/job.json',
      '/..%2fjob.json',
      '//etc/passwd',
      '/worker.ign/',
      '/./worker.ign',
      '/WORKER.IGN',
      '/worker.ign%00',
      '/.worker.ign',
      '/etc/passwd',
    ]) {
      const res = await raw(server.port, 'GET', path);
      expect(res.status, path).toBe(404);
      expect(res.body.toString()).not.toContain('ignition');
    }
    const absolute = await rawLine(server.port, 'GET http://127.0.0.1/../../etc/passwd HTTP/1.1');
    expect(absolute).toMatch(/^HTTP\/1\.1 404/);
    const asterisk = await rawLine(server.port, 'GET * HTTP/1.1');
    expect(asterisk).toMatch(/^HTTP\/1\.1 (400|404)/);
  });

  it('refuses every method except GET and HEAD with 405 and an Allow header', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const res = await raw(server.port, method, '/worker.ign');
      expect(res.status, method).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD');
    }
  });

  it('reports every request to the access log with the remote address and the file', async () => {
    const before = log.length;
    await fetch(`${server.baseUrl}worker.ign`);
    await raw(server.port, 'GET', '/nothing');
    const [hit, miss] = log.slice(before);
    expect(hit).toMatchObject({ remote: '127.0.0.1', method: 'GET', path: '/worker.ign', status: 200, file: 'worker.ign', bytes: Buffer.byteLength(WORKER) });
    expect(miss).toMatchObject({ path: '/nothing', status: 404 });
    expect(miss!.file).toBeUndefined();
  });

  it('never binds a wildcard or a foreign address, and reports a busy port clearly', async () => {
    await expect(startIgnitionServer({ host: '0.0.0.0', port: 0, files: [] })).rejects.toMatchObject({ code: 'manual.serverWildcard' });
    await expect(startIgnitionServer({ host: '::', port: 0, files: [] })).rejects.toMatchObject({ code: 'manual.serverWildcard' });
    await expect(startIgnitionServer({ host: '192.0.2.77', port: 0, files: [] })).rejects.toMatchObject({ code: 'manual.serverAddressNotLocal' });
    await expect(startIgnitionServer({ host: 'localhost', port: 0, files: [] })).rejects.toMatchObject({ code: 'manual.serverAddressInvalid' });
    await expect(startIgnitionServer({ host: '127.0.0.1', port: server.port, files: [] })).rejects.toMatchObject({ code: 'manual.serverPortInUse' });
    await expect(startIgnitionServer({ host: '127.0.0.1', port: 0, files: [{ name: '../x', bytes: new Uint8Array() }] })).rejects.toMatchObject({ code: 'manual.serverFileName' });
  });

  it('stops on demand: the port is closed afterwards', async () => {
    const s = await startIgnitionServer({ host: '127.0.0.1', port: 0, files: [{ name: 'a.ign', bytes: Buffer.from('{}') }] });
    expect((await fetch(`${s.baseUrl}a.ign`)).status).toBe(200);
    await s.close();
    await expect(fetch(`${s.baseUrl}a.ign`)).rejects.toThrow();
  });
});
