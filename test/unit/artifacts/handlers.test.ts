import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppError } from '../../../shared/api/errors';
import { startTestBackend } from '../../support/backend';
import type { Backend } from '../../../electron/app/backend';

let backend: Backend | undefined;
afterEach(async () => {
  await backend?.dispose();
  backend = undefined;
});

describe('artifacts.* over the memory transport', () => {
  it('lists an empty cache with its disk use, and keeps download sources in their own settings file', async () => {
    const started = await startTestBackend();
    backend = started.backend;
    const { api, dataDir } = started;
    const list = await api.call('artifacts.list');
    expect(list.artifacts).toEqual([]);
    expect(list.diskUse).toMatchObject({ cacheDir: join(dataDir, 'cache'), used: 0, partial: 0 });
    expect(list.diskUse.free).toBeGreaterThan(0);
    expect(await api.call('artifacts.getSettings')).toMatchObject({ mirrorBaseUrl: 'https://mirror.openshift.com/pub/openshift-v4', rhcosBaseUrl: '' });
    const next = await api.call('artifacts.updateSettings', { mirrorBaseUrl: 'https://mirror.lab.example/pub/openshift-v4' });
    expect(next.mirrorBaseUrl).toBe('https://mirror.lab.example/pub/openshift-v4');
    // the dispatcher checks input whatever the client does
    const bad = await started.backend.dispatch('artifacts.updateSettings', { mirrorBaseUrl: 'ftp://nope' }, { transport: 'memory' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'common.invalidInput' } });
    expect((await api.call('artifacts.getSettings')).mirrorBaseUrl).toBe('https://mirror.lab.example/pub/openshift-v4');
  });

  it('refuses bad input and unknown ids with translated errors', async () => {
    const started = await startTestBackend();
    backend = started.backend;
    const { api } = started;
    const dispatch = (method: string, input: unknown) => started.backend.dispatch(method, input, { transport: 'memory' });
    const badSha = await dispatch('artifacts.download', { url: 'https://h.example/x.iso', sha256: 'abc', kind: 'file' });
    expect(badSha).toMatchObject({ ok: false, error: { code: 'common.invalidInput', params: { issues: expect.stringMatching(/sha256/) } } });
    expect(await dispatch('artifacts.download', { url: 'file:///etc/passwd', kind: 'file' })).toMatchObject({ ok: false, error: { code: 'common.invalidInput' } });
    expect(await dispatch('artifacts.prepareSite', { versionOrChannel: '4.16.3', arch: 'riscv64' })).toMatchObject({ ok: false, error: { code: 'common.invalidInput' } });
    const missing = await api.call('artifacts.reverify', { id: 'file/none.iso' }).catch((e: unknown) => e as AppError);
    expect((missing as AppError).code).toBe('artifacts.notInCache');
    expect((missing as AppError).localized('zh-CN')).toContain('file/none.iso');
    const notActive = await api.call('artifacts.pause', { id: 'file/none.iso' }).catch((e: unknown) => e as AppError);
    expect((notActive as AppError).code).toBe('artifacts.notActive');
    expect(await api.call('artifacts.remove', { id: 'file/none.iso' })).toEqual({ removed: false });
  });

  it('shows an unfinished download from an earlier run as paused, and cancels it (deleting the part)', async () => {
    const started = await startTestBackend();
    backend = started.backend;
    const { api, dataDir } = started;
    const dir = join(dataDir, 'cache', 'rhcos-iso');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'old.iso.part'), Buffer.alloc(1000));
    // no storable URL (a tokenised one): it waits for its flow instead of resuming by itself
    writeFileSync(
      join(dir, 'old.iso.part.json'),
      JSON.stringify({
        version: 1,
        id: 'rhcos-iso/old.iso',
        kind: 'rhcos-iso',
        name: 'old.iso',
        sourceUrl: 'https://h.example/old.iso?image_token=[REDACTED]',
        total: 4000,
        jobs: [],
        startedAt: '2026-11-28T00:00:00Z',
        etag: '"e"',
      }),
    );
    const active = await api.call('artifacts.active');
    expect(active).toEqual([expect.objectContaining({ id: 'rhcos-iso/old.iso', state: 'paused', bytes: 1000, total: 4000 })]);
    expect((await api.call('artifacts.list')).diskUse.partial).toBe(1000);
    const events: string[] = [];
    api.on('artifacts.progress', (p) => events.push(`${p.id}:${p.state}`));
    expect(await api.call('artifacts.cancel', { id: 'rhcos-iso/old.iso' })).toEqual({ ok: true });
    expect(await api.call('artifacts.active')).toEqual([]);
    expect(events).toEqual(['rhcos-iso/old.iso:cancelled']);
  });
});
