import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobStore } from '../../../electron/services/jobs/job-store';
import { testClock } from '../../support/backend';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * Issue #13 item 4: with two stores on one data folder, 40 concurrent writes handed out the same
 * revision twice and lost a write (each store only serialised its own calls). Inside one process
 * every store on a folder now shares that folder's per-job queue; across processes the
 * data-folder lock keeps a second program out (test/integration/host/data-folder-lock.test.ts).
 */
describe('40 concurrent writes to one job', () => {
  it('through two stores on one folder: every revision is handed out once and no write is lost', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sfk-jobs-'));
    const clock = testClock();
    const stores = [new JobStore(dir, clock), new JobStore(dir, clock)];
    const job = await stores[0]!.create('manual', 'w');
    const results = await Promise.all(
      range(40).map((i) => (i % 3 === 0 ? stores[i % 2]!.update(job.id, { data: { [`k${i}`]: i } }) : stores[i % 2]!.updateData<number[]>(job.id, 'list', (cur) => [...(cur ?? []), i]))),
    );
    expect(results.map((r) => r.revision).sort((a, b) => a - b)).toEqual(range(40).map((i) => i + 1));
    const final = await new JobStore(dir, clock).get(job.id);
    expect(final.revision).toBe(40);
    const listed = range(40).filter((i) => i % 3 !== 0);
    expect((final.data.list as number[]).sort((a, b) => a - b)).toEqual(listed);
    for (const i of range(40).filter((n) => n % 3 === 0)) expect(final.data[`k${i}`]).toBe(i);
  });

  it('mixed with a remove: the job is gone afterwards and no write brings it back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sfk-jobs-'));
    const stores = [new JobStore(dir, testClock()), new JobStore(dir, testClock())];
    const job = await stores[0]!.create('manual', 'w');
    const writes = range(20).map((i) =>
      stores[i % 2]!.update(job.id, { data: { [`k${i}`]: i } }).then(
        () => 'saved',
        (e: { code?: string }) => e.code,
      ),
    );
    const removed = stores[1]!.remove(job.id);
    const outcomes = await Promise.all(writes);
    expect(await removed).toBe(true);
    // Writes queued before the remove were saved; those after it find no job.
    expect(outcomes.every((o) => o === 'saved' || o === 'jobs.notFound')).toBe(true);
    await expect(stores[0]!.get(job.id)).rejects.toMatchObject({ code: 'jobs.notFound' });
    expect(await stores[0]!.list()).toEqual([]);
  });
});
