import { afterEach, describe, expect, it } from 'vitest';
import { methods, events, methodNames } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/errors';
import { startTestBackend } from '../../support/backend';
import type { Backend } from '../../../electron/app/backend';

let backend: Backend | undefined;
afterEach(async () => {
  await backend?.dispose();
  backend = undefined;
});

describe('contract', () => {
  it('every method has input and output schemas and a <domain>.<verb> name', () => {
    for (const name of methodNames) {
      expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
      expect(methods[name].input).toBeDefined();
      expect(methods[name].output).toBeDefined();
    }
    for (const name of Object.keys(events)) expect(name).toMatch(/^[a-z]+\.[a-zA-Z.]+$/);
  });
});

describe('dispatcher over the memory transport', () => {
  it('refuses unknown methods with a coded error', async () => {
    const started = await startTestBackend();
    backend = started.backend;
    const reply = await backend.dispatch('nope.nothing', {}, { transport: 'memory' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'common.unknownMethod' } });
  });

  it('parses input before the handler runs', async () => {
    const started = await startTestBackend();
    backend = started.backend;
    const reply = await backend.dispatch('jobs.create', { kind: 'teleport', title: '' }, { transport: 'memory' });
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('common.invalidInput');
      expect(reply.error.params?.issues).toMatch(/kind/);
    }
    expect(await started.api.call('jobs.list')).toEqual([]);
  });

  it("a value the client refuses is a coded error naming the field, never the schema library's raw JSON", async () => {
    const started = await startTestBackend();
    backend = started.backend;
    const job = await started.api.call('jobs.create', { kind: 'console', title: 'worker-1' });
    const err = await started.api.call('cluster.saveManual', { jobId: job.id, clusterId: 'not-a-uuid', apiHost: 'api.sno.lab', version: '4.16.3' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('common.invalidInput');
    for (const text of [(err as AppError).message, (err as AppError).localized('zh-CN')]) {
      expect(text).toContain('clusterId');
      expect(text).not.toMatch(/[[{]\s*"|"origin"|"code"/);
    }
  });

  it('delivers typed results, coded errors and events', async () => {
    const started = await startTestBackend();
    backend = started.backend;
    const { api } = started;
    const seen: string[] = [];
    api.on('jobs.changed', (e) => seen.push(e.id));
    const job = await api.call('jobs.create', { kind: 'manual', title: 'worker-1' });
    expect(job).toMatchObject({ kind: 'manual', title: 'worker-1', status: 'active', revision: 0 });
    expect(seen).toEqual([job.id]);
    const err = await api.call('jobs.get', { id: 'missing-123' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('jobs.notFound');
    expect((err as AppError).localized('zh-CN')).toContain('missing-123');
  });
});
