import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startNginx, type NginxServer } from './nginx-server';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import { MiB, makeService, randomFile } from './helpers';
import { until } from '../../support/wait';

let nginx: NginxServer;
let proxy: FaultProxy;
let sha: string;
const SIZE = 12 * MiB;

beforeAll(async () => {
  nginx = await startNginx();
  sha = randomFile(join(nginx.root, 'live.iso'), SIZE);
  proxy = await startFaultProxy(nginx.url);
});
afterAll(async () => {
  await proxy?.close();
  await nginx?.stop();
});

describe('a download killed with SIGKILL', () => {
  it('leaves only a .part, and resumes from where it stopped on the next start, then verifies', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sfk-kill-'));
    const cacheDir = join(root, 'cache');
    const dataDir = join(root, 'data');
    // The link stalls after 5 MiB, so the child is mid-download when it is killed.
    proxy.plan([{ type: 'stall', after: 5 * MiB }]);
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'kill-child.ts'), cacheDir, dataDir, `${proxy.url}/live.iso`, sha], {
      cwd: resolve(import.meta.dirname, '..', '..', '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += String(d)));
    child.stderr!.on('data', (d) => (out += String(d)));
    const part = join(cacheDir, 'rhcos-iso', 'killed.iso.part');
    await until(
      () => existsSync(part) && statSync(part).size === 5 * MiB,
      () => `5 MiB in the part file (child output: ${out})`,
      { timeout: 60_000 },
    );
    const exited = new Promise((r) => child.once('exit', (_code, signal) => r(signal)));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // Nothing pretends to be complete.
    expect(existsSync(join(cacheDir, 'rhcos-iso', 'killed.iso'))).toBe(false);
    expect(existsSync(join(cacheDir, 'index.json'))).toBe(false);
    const meta = JSON.parse(readFileSync(`${part}.json`, 'utf8'));
    expect(meta).toMatchObject({ id: 'rhcos-iso/killed.iso', sha256: sha, total: SIZE, jobs: ['job-killed'] });
    expect(meta.etag).toMatch(/^"/);

    // "Next start": a new service over the same cache lists it as paused and resumes it by itself.
    proxy.seen.length = 0;
    const { service } = makeService({ cacheDir });
    const before = await service.active();
    expect(before).toEqual([expect.objectContaining({ id: 'rhcos-iso/killed.iso', state: 'paused', bytes: 5 * MiB, total: SIZE })]);
    expect(await service.resumePending()).toEqual(['rhcos-iso/killed.iso']);
    const art = await service.download({ url: `${proxy.url}/live.iso`, sha256: sha, kind: 'rhcos-iso', name: 'killed.iso' }); // joins the resumed one
    expect(art).toMatchObject({ sha256: sha, size: SIZE, jobs: ['job-killed'] });
    expect(proxy.seen).toHaveLength(1);
    expect(proxy.seen[0]!.range).toBe(`bytes=${5 * MiB}-`);
    expect(proxy.seen[0]!.bytesSent).toBe(SIZE - 5 * MiB);
    expect(existsSync(part)).toBe(false);
  });
});
