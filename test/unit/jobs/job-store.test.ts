import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobStore } from '../../../electron/services/jobs/job-store';
import { testClock } from '../../support/backend';

function store() {
  const dir = mkdtempSync(join(tmpdir(), 'sfk-jobs-'));
  const changes: string[] = [];
  const clock = testClock();
  return {
    dir,
    clock,
    changes,
    jobs: new JobStore(
      dir,
      clock,
      (id, removed) => changes.push(`${removed ? '-' : '+'}${id}`),
      () => 'tech',
    ),
  };
}

describe('job store', () => {
  it('creates, lists newest first, and survives a new process (read back from disk)', async () => {
    const { dir, clock, jobs } = store();
    const a = await jobs.create('manual', 'worker-a');
    clock.advance(1000);
    const b = await jobs.create('assisted', 'worker-b');
    expect((await jobs.list()).map((j) => j.id)).toEqual([b.id, a.id]);
    const reopened = new JobStore(dir, clock);
    expect(await reopened.get(a.id)).toEqual(a);
  });

  it('merges flow data by key and bumps the revision', async () => {
    const { jobs } = store();
    const job = await jobs.create('manual', 'w');
    await jobs.update(job.id, { data: { manual: { hostname: 'w1' } } });
    const next = await jobs.update(job.id, { data: { cluster: { clusterId: 'c' } }, step: 'network' });
    expect(next.data).toEqual({ manual: { hostname: 'w1' }, cluster: { clusterId: 'c' } });
    expect(next.revision).toBe(2);
    expect(next.step).toBe('network');
  });

  it('a write that changes nothing keeps the revision, updatedAt and the list order, and announces nothing', async () => {
    const { clock, jobs, changes } = store();
    const older = await jobs.create('assisted', 'finished');
    const done = await jobs.update(older.id, { status: 'done', step: 'finish', data: { assisted: { hosts: {}, offline: false } } });
    clock.advance(1000);
    const newer = await jobs.create('manual', 'newer');
    clock.advance(60_000);
    changes.length = 0;
    // What a screen or a poll saves when the job is merely opened: the values it already has.
    await jobs.update(older.id, { step: 'finish', status: 'done' });
    await jobs.updateData<Record<string, unknown>>(older.id, 'assisted', (cur) => ({ ...cur, lastError: undefined }));
    expect(await jobs.get(older.id)).toEqual(done);
    expect((await jobs.list()).map((j) => j.id)).toEqual([newer.id, older.id]);
    expect(changes).toEqual([]);
    // A real change still counts.
    const changed = await jobs.updateData<Record<string, unknown>>(older.id, 'assisted', (cur) => ({ ...cur, offline: true }));
    expect(changed.revision).toBe(done.revision + 1);
    expect((await jobs.list()).map((j) => j.id)).toEqual([older.id, newer.id]);
  });

  it('refuses a stale revision instead of overwriting newer work', async () => {
    const { jobs } = store();
    const job = await jobs.create('manual', 'w');
    await jobs.update(job.id, { revision: 0, title: 'first' });
    await expect(jobs.update(job.id, { revision: 0, title: 'second' })).rejects.toMatchObject({ code: 'jobs.staleRevision' });
    expect((await jobs.get(job.id)).title).toBe('first');
  });

  it('serialises concurrent read-modify-write updates: none is lost', async () => {
    const { jobs } = store();
    const job = await jobs.create('manual', 'w');
    await Promise.all(Array.from({ length: 20 }, (_, i) => jobs.updateData<number[]>(job.id, 'list', (cur) => [...(cur ?? []), i])));
    const final = await jobs.get(job.id);
    expect((final.data.list as number[]).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(final.revision).toBe(20);
  });

  it('writes atomically and keeps the revision before: no temporary files are left behind', async () => {
    const { dir, jobs } = store();
    const job = await jobs.create('manual', 'w');
    for (let i = 0; i < 5; i++) await jobs.update(job.id, { title: `t${i}` });
    expect(readdirSync(join(dir, 'jobs', job.id)).sort()).toEqual(['job.json', 'job.json.previous']);
    expect(JSON.parse(readFileSync(join(dir, 'jobs', job.id, 'job.json.previous'), 'utf8'))).toMatchObject({ title: 't3', revision: 4 });
  });

  it('keeps a corrupt job file for inspection and says so (more in damaged-jobs.test.ts)', async () => {
    const { dir, jobs } = store();
    const job = await jobs.create('manual', 'w');
    writeFileSync(join(dir, 'jobs', job.id, 'job.json'), '{"id": trunc');
    const err = await jobs.get(job.id).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'jobs.damaged' });
    expect(readdirSync(join(dir, 'jobs', job.id)).some((f) => f.startsWith('job.json.damaged-'))).toBe(true);
    expect(await jobs.list()).toEqual([]);
    expect((await jobs.damaged()).map((d) => d.id)).toEqual([job.id]);
  });

  it('appends a durable, redacted audit log with the actor', async () => {
    const { dir, jobs } = store();
    const job = await jobs.create('assisted', 'w');
    await jobs.appendAudit(job.id, { action: 'csr.approve', summary: 'approved csr-abc', details: { url: 'https://x/y?image_token=zzz', token: 'abc' } });
    const entries = await jobs.audit(job.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'tech', action: 'csr.approve' });
    const raw = readFileSync(join(dir, 'jobs', job.id, 'audit.jsonl'), 'utf8');
    expect(raw).not.toContain('zzz');
    expect(raw).toContain('[REDACTED]');
  });

  it('rejects ids that could escape the jobs folder', async () => {
    const { jobs } = store();
    await expect(jobs.get('../../etc')).rejects.toMatchObject({ code: 'jobs.notFound' });
    expect(() => jobs.folder('../x')).toThrow();
  });

  it('removes a job with its folder and emits the change', async () => {
    const { jobs, changes } = store();
    const job = await jobs.create('manual', 'w');
    expect(await jobs.remove(job.id)).toBe(true);
    expect(await jobs.remove(job.id)).toBe(false);
    expect(changes).toEqual([`+${job.id}`, `-${job.id}`]);
  });
});
