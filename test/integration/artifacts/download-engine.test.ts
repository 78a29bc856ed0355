import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { startNginx, type NginxServer } from './nginx-server';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import { MiB, makeService, randomFile } from './helpers';
import { until } from '../../support/wait';

let nginx: NginxServer;
let proxy: FaultProxy;
let shaA: string;
let shaB: string;
const SIZE = 8 * MiB;

beforeAll(async () => {
  // /norange/ serves the same files with Range support switched off (a server that ignores Range)
  nginx = await startNginx(undefined, (root) => `location /norange/ { alias ${root}/; max_ranges 0; }`);
  shaA = randomFile(join(nginx.root, 'a.bin'), SIZE);
  shaB = randomFile(join(nginx.root, 'b.bin'), SIZE);
  // nginx's ETag is mtime-size: give the "new version" another mtime, as a re-published file has
  utimesSync(join(nginx.root, 'b.bin'), new Date(Date.now() - 3600_000), new Date(Date.now() - 3600_000));
  proxy = await startFaultProxy(nginx.url);
});
afterAll(async () => {
  await proxy?.close();
  await nginx?.stop();
});

function fresh() {
  proxy.seen.length = 0;
  proxy.plan([]);
  return makeService();
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => {
      throw new Error('expected the download to fail');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

/**
 * After a cut, Node's HTTP client discards what it had buffered but not yet handed over (at most a
 * few socket reads), so the resume point is at or just below the cut.
 */
const SLACK = 256 * 1024;
function resumedNear(range: string | undefined, cut: number): number {
  const m = /^bytes=(\d+)-$/.exec(range ?? '');
  expect(m, `Range header ${range}`).not.toBeNull();
  const from = Number(m![1]);
  expect(from).toBeGreaterThan(cut - SLACK);
  expect(from).toBeLessThanOrEqual(cut);
  return from;
}

function noPartLeft(dir: string) {
  if (!existsSync(dir)) return;
  expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
}

describe('download engine against nginx through a fault-injecting proxy', () => {
  it('downloads, verifies while streaming, renames only at the end and records the file in the index', async () => {
    const { service, cacheDir, progress, awake } = fresh();
    const art = await service.download({ url: `${proxy.url}/a.bin`, sha256: shaA, kind: 'rhcos-iso', name: 'a.iso', version: '9.6', arch: 'x86_64', jobId: 'job-1' });
    expect(art).toMatchObject({ id: 'rhcos-iso/a.iso', size: SIZE, sha256: shaA, checkedAgainstPublished: true, jobs: ['job-1'], version: '9.6', arch: 'x86_64' });
    expect(statSync(art.path).size).toBe(SIZE);
    expect(existsSync(`${art.path}.part`)).toBe(false);
    expect(existsSync(`${art.path}.part.json`)).toBe(false);
    const index = JSON.parse(readFileSync(join(cacheDir, 'index.json'), 'utf8'));
    expect(index.artifacts[0]).toMatchObject({ id: 'rhcos-iso/a.iso', file: 'rhcos-iso/a.iso', sha256: shaA });
    expect(progress.at(-1)).toMatchObject({ state: 'done', bytes: SIZE, total: SIZE });
    expect(progress.some((p) => p.state === 'verifying')).toBe(true);
    expect(awake).toEqual(['on:downloads', 'off']);
    // A second request is answered from the cache, offline: no new request reaches the server.
    const before = proxy.seen.length;
    const again = await service.download({ url: `${proxy.url}/a.bin`, sha256: shaA, kind: 'rhcos-iso', name: 'a.iso', jobId: 'job-2' });
    expect(proxy.seen.length).toBe(before);
    expect(again.jobs).toEqual(['job-1', 'job-2']);
  });

  it('resumes after a cut with Range + If-Range and re-transfers (almost) nothing', async () => {
    const { service } = fresh();
    proxy.plan([{ type: 'cut', after: 3 * MiB }]);
    const art = await service.download({ url: `${proxy.url}/a.bin`, sha256: shaA, kind: 'file' });
    expect(art.sha256).toBe(shaA);
    expect(proxy.seen).toHaveLength(2);
    const from = resumedNear(proxy.seen[1]!.range, 3 * MiB);
    expect(proxy.seen[1]!.ifRange).toMatch(/^"/); // nginx's strong ETag
    expect(proxy.seen[1]!.status).toBe(206);
    expect(proxy.bytesSent() - SIZE).toBe(3 * MiB - from);
    expect(proxy.bytesSent() - SIZE).toBeLessThan(SLACK);
  });

  it('drops a stalled connection and resumes', async () => {
    const { service, progress } = fresh();
    proxy.plan([{ type: 'stall', after: 1 * MiB }]);
    const art = await service.download({ url: `${proxy.url}/a.bin`, sha256: shaA, kind: 'file', name: 'stall.bin' });
    expect(art.sha256).toBe(shaA);
    expect(proxy.seen[1]!.range).toBe(`bytes=${1 * MiB}-`);
    expect(progress.some((p) => p.state === 'retrying')).toBe(true);
  });

  it('retries 5xx with back-off, and gives up with a clear error keeping the part', async () => {
    const a = fresh();
    proxy.plan([
      { type: 'status', status: 503 },
      { type: 'status', status: 502 },
    ]);
    expect((await a.service.download({ url: `${proxy.url}/a.bin`, sha256: shaA, kind: 'file', name: 'retry.bin' })).sha256).toBe(shaA);
    expect(proxy.seen.map((s) => s.status)).toEqual([503, 502, 200]);

    const b = fresh();
    proxy.plan([{ type: 'cut', after: 2 * MiB }, ...Array.from({ length: 10 }, () => ({ type: 'status' as const, status: 500 }))]);
    const err = await failure(b.service.download({ url: `${proxy.url}/a.bin`, sha256: shaA, kind: 'file', name: 'gives-up.bin' }));
    expect(err.code).toBe('artifacts.serverError');
    expect(err.params).toMatchObject({ status: 500, host: new URL(proxy.url).host });
    expect(err.localized('zh-CN')).toContain('HTTP 500');
    const kept = statSync(join(b.cacheDir, 'file', 'gives-up.bin.part')).size;
    expect(kept).toBeGreaterThan(2 * MiB - SLACK);
    expect(existsSync(join(b.cacheDir, 'file', 'gives-up.bin'))).toBe(false);
    // the kept part resumes later
    proxy.plan([]);
    proxy.seen.length = 0;
    expect((await b.service.download({ url: `${proxy.url}/a.bin`, sha256: shaA, kind: 'file', name: 'gives-up.bin' })).sha256).toBe(shaA);
    expect(proxy.seen[0]!.range).toBe(`bytes=${kept}-`);
  });

  it('restarts cleanly on 416', async () => {
    const { service } = fresh();
    proxy.plan([
      { type: 'cut', after: 2 * MiB },
      { type: 'status', status: 416, headers: { 'content-range': `bytes */${SIZE}` } },
    ]);
    const art = await service.download({ url: `${proxy.url}/a.bin`, sha256: shaA, kind: 'file', name: '416.bin' });
    expect(art.sha256).toBe(shaA);
    expect(proxy.seen.map((s) => s.status)).toEqual([200, 416, 200]);
    resumedNear(proxy.seen[1]!.range, 2 * MiB);
    expect(proxy.seen[2]!.range).toBeUndefined();
  });

  it('restarts from zero when the server ignores Range (200)', async () => {
    const { service } = fresh();
    // the second request goes to a path nginx serves without range support
    proxy.plan([
      { type: 'cut', after: 2 * MiB },
      { type: 'swap', to: '/norange/a.bin' },
    ]);
    const art = await service.download({ url: `${proxy.url}/a.bin`, sha256: shaA, kind: 'file', name: '200.bin' });
    expect(art.sha256).toBe(shaA);
    expect(proxy.seen[1]!.status).toBe(200);
    expect(proxy.seen[1]!.bytesSent).toBe(SIZE);
  });

  it('restarts when the file changed on the server mid-download (ETag change) and never mixes the two', async () => {
    const { service } = fresh();
    proxy.plan([
      { type: 'cut', after: 3 * MiB },
      { type: 'swap', to: '/b.bin' },
    ]);
    const art = await service.download({ url: `${proxy.url}/a.bin`, kind: 'file', name: 'changed.bin' });
    expect(proxy.seen[1]!.ifRange).toBeDefined();
    expect(proxy.seen[1]!.status).toBe(200); // nginx: If-Range does not match b.bin's ETag
    expect(art.sha256).toBe(shaB);
    expect(art.checkedAgainstPublished).toBe(false);
  });

  it('quarantines a file whose checksum does not match and names both hashes', async () => {
    const { service, cacheDir } = fresh();
    const wrong = 'f'.repeat(64);
    const err = await failure(service.download({ url: `${proxy.url}/a.bin`, sha256: wrong, kind: 'rhcos-iso', name: 'bad.iso' }));
    expect(err.code).toBe('artifacts.checksumMismatch');
    expect(err.message).toContain(wrong);
    expect(err.message).toContain(shaA);
    expect(err.localized('zh-CN')).toContain(shaA);
    expect(existsSync(join(cacheDir, 'rhcos-iso', 'bad.iso'))).toBe(false);
    noPartLeft(join(cacheDir, 'rhcos-iso'));
    expect(readdirSync(join(cacheDir, 'quarantine'))).toHaveLength(1);
    expect(await service.list()).toEqual([]);
  });

  it('maps 404 and 403 to clear messages, and refreshes a discovery ISO URL after a 403', async () => {
    const a = fresh();
    const notFound = await failure(a.service.download({ url: `${proxy.url}/missing.bin`, kind: 'file' }));
    expect(notFound.code).toBe('artifacts.notFound');
    expect(notFound.localized('zh-CN')).toContain('404');
    proxy.plan([{ type: 'status', status: 403 }]);
    expect((await failure(a.service.download({ url: `${proxy.url}/a.bin`, kind: 'file', name: 'forbidden.bin' }))).code).toBe('artifacts.forbidden');

    const b = fresh();
    let calls = 0;
    proxy.plan([{ type: 'status', status: 403 }]);
    const art = await b.service.download({
      url: `${proxy.url}/a.bin?image_token=secret-token-value`,
      kind: 'discovery-iso',
      name: 'discovery.iso',
      refreshUrl: async () => {
        calls++;
        return { url: `${proxy.url}/a.bin?image_token=secret-token-value-${calls}`, expiresAt: '2026-11-28T12:00:00Z' };
      },
    });
    expect(calls).toBe(2);
    expect(art.sha256).toBe(shaA);
    expect(art.sourceUrl).not.toContain('secret-token-value');
    expect(readFileSync(join(b.cacheDir, 'index.json'), 'utf8')).not.toContain('secret-token-value');
    expect(b.progress.some((p) => p.expiresAt === '2026-11-28T12:00:00Z')).toBe(true);
  });

  it('joins a second request for the same file instead of downloading twice', async () => {
    const { service } = fresh();
    const [one, two] = await Promise.all([
      service.download({ url: `${proxy.url}/a.bin`, sha256: shaA, kind: 'file', name: 'joined.bin', jobId: 'j1' }),
      service.download({ url: `${proxy.url}/a.bin`, sha256: shaA, kind: 'file', name: 'joined.bin', jobId: 'j2' }),
    ]);
    expect(one).toBe(two);
    expect(proxy.seen).toHaveLength(1);
    expect(one.jobs.sort()).toEqual(['j1', 'j2']);
  });

  it('pauses, resumes from the same byte, and cancels (deleting the part)', async () => {
    const { service, cacheDir, progress } = fresh();
    proxy.plan([{ type: 'stall', after: 2 * MiB }]);
    const running = service.download({ url: `${proxy.url}/a.bin`, sha256: shaA, kind: 'file', name: 'paused.bin' });
    const part = join(cacheDir, 'file', 'paused.bin.part');
    await until(() => existsSync(part) && statSync(part).size >= 2 * MiB, 'two MiB on disk');
    service.pause('file/paused.bin');
    await until(() => progress.at(-1)?.state === 'paused', 'the paused state');
    const active = await service.active();
    expect(active.find((p) => p.id === 'file/paused.bin')?.state).toBe('paused');
    await service.resume('file/paused.bin');
    const art = await running;
    expect(art.sha256).toBe(shaA);
    expect(proxy.seen.at(-1)!.range).toBe(`bytes=${2 * MiB}-`);

    proxy.plan([{ type: 'stall', after: 1 * MiB }]);
    const second = service.download({ url: `${proxy.url}/b.bin`, kind: 'file', name: 'cancelled.bin' });
    const part2 = join(cacheDir, 'file', 'cancelled.bin.part');
    await until(() => existsSync(part2) && statSync(part2).size >= 1 * MiB, 'one MiB on disk');
    await service.cancel('file/cancelled.bin');
    expect((await failure(second)).code).toBe('artifacts.cancelled');
    expect(existsSync(part2)).toBe(false);
    expect(existsSync(`${part2}.json`)).toBe(false);
  });

  it('reports progress a few times a second with bytes, total, rate and ETA', async () => {
    const { service, progress } = fresh();
    // a slow, stalling link: 1 MiB, stall, resume … gives a download lasting several ticks
    proxy.plan([
      { type: 'stall', after: 1 * MiB },
      { type: 'stall', after: 1 * MiB },
    ]);
    await service.download({ url: `${proxy.url}/a.bin`, kind: 'file', name: 'progress.bin' });
    const downloading = progress.filter((p) => p.state === 'downloading');
    expect(downloading.length).toBeGreaterThan(3);
    expect(downloading.every((p) => p.total === SIZE)).toBe(true);
    const bytes = progress.map((p) => p.bytes);
    expect(Math.max(...bytes)).toBe(SIZE);
    expect(progress.some((p) => p.state === 'downloading' && p.rate > 0)).toBe(true);
  });

  it('re-verifies a cached file and quarantines it when it was altered on disk', async () => {
    const { service } = fresh();
    const art = await service.download({ url: `${proxy.url}/a.bin`, sha256: shaA, kind: 'file', name: 'reverify.bin' });
    expect((await service.reverify(art.id)).sha256).toBe(shaA);
    const fd = await import('node:fs/promises').then((m) => m.open(art.path, 'r+'));
    await fd.write(Buffer.from('tampered'), 0, 8, 1000);
    await fd.close();
    const err = await failure(service.reverify(art.id));
    expect(err.code).toBe('artifacts.checksumMismatch');
    expect(err.params.expected).toBe(shaA);
    expect(await service.get(art.id)).toBeUndefined();
  });
});
