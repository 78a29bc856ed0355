import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { startIgnitionServer, type RunningIgnitionServer } from '../../../electron/services/manual/ignition-server';
import { fetchNodeIgnition } from '../../../electron/practice/practice-ignition-fetch';

const worker = JSON.stringify({ ignition: { config: { merge: [{ source: 'https://api-int.sno.practice.example.com:22623/config/worker' }] }, version: '3.2.0' } });
const sha512 = (text: string) => createHash('sha512').update(text).digest('hex');
const nodeConfig = (base: string, hash: string) => JSON.stringify({ ignition: { config: { merge: [{ source: `${base}worker.ign`, verification: { hash: `sha512-${hash}` } }] }, version: '3.4.0' } });

/** The practice machine's first boot against the real Ignition server: what Ignition itself would refuse, it refuses. */
describe('practice machine fetching its Ignition', () => {
  let server: RunningIgnitionServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function serve(node: (base: string) => string): Promise<RunningIgnitionServer> {
    // The node config names the server's own URL, known once it listens: start twice, as the app does after generating.
    const probe = await startIgnitionServer({ host: '127.0.0.1', port: 0, files: [] });
    const port = probe.port;
    await probe.close();
    server = await startIgnitionServer({
      host: '127.0.0.1',
      port,
      files: [
        { name: 'worker.ign', bytes: Buffer.from(worker) },
        { name: 'new-worker.ign', bytes: Buffer.from(node(`http://127.0.0.1:${port}/`)) },
      ],
    });
    return server;
  }

  it('fetches the node config and the worker.ign it merges from the same server, checking its sha512', async () => {
    const s = await serve((base) => nodeConfig(base, sha512(worker)));
    expect(await fetchNodeIgnition(`${s.baseUrl}new-worker.ign`)).toEqual({ version: '3.4.0', merged: [`${s.baseUrl}worker.ign`] });
  });

  it('refuses a merged config whose sha512 does not match, a missing file and a config that is not spec 3', async () => {
    const s = await serve((base) => nodeConfig(base, 'ab'.repeat(64)));
    await expect(fetchNodeIgnition(`${s.baseUrl}new-worker.ign`)).rejects.toThrow('sha512 does not match verification.hash');
    await expect(fetchNodeIgnition(`${s.baseUrl}missing.ign`)).rejects.toThrow('HTTP 404');
    await server!.close();
    server = await startIgnitionServer({ host: '127.0.0.1', port: 0, files: [{ name: 'new-worker.ign', bytes: Buffer.from('{"ignition":{"version":"2.2.0"}}') }] });
    await expect(fetchNodeIgnition(`${server.baseUrl}new-worker.ign`)).rejects.toThrow('no spec-3 ignition.version');
  });

  it('never contacts an address that is not this computer', async () => {
    let called = false;
    const spy: typeof fetch = async () => {
      called = true;
      return new Response('{}');
    };
    await expect(fetchNodeIgnition('http://192.0.2.10:8080/new-worker.ign', spy)).rejects.toThrow('is not served by this computer');
    await expect(fetchNodeIgnition('https://127.0.0.1:8080/new-worker.ign', spy)).rejects.toThrow('is not served by this computer');
    expect(called).toBe(false);
  });
});
