import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobStore } from '../../../electron/services/jobs/job-store';
import { testClock } from '../../support/backend';
import { translate } from '../../../shared/i18n/translate';
import { AppError } from '../../../shared/api/errors';

function store() {
  const dir = mkdtempSync(join(tmpdir(), 'sfk-damaged-'));
  const clock = testClock();
  const changes: string[] = [];
  const jobs = new JobStore(
    dir,
    clock,
    (id, removed) => changes.push(`${removed ? '-' : '+'}${id}`),
    () => 'tech',
  );
  return { dir, clock, jobs, changes, file: (id: string, name = 'job.json') => join(dir, 'jobs', id, name) };
}

/** A job saved three times (revision 2), so the revision before it (1) was kept. */
async function savedJob(s: ReturnType<typeof store>) {
  const job = await s.jobs.create('manual', 'worker-1');
  await s.jobs.update(job.id, { title: 'worker-1 site A', data: { manual: { hostname: 'w1' } } });
  s.clock.advance(60_000);
  await s.jobs.update(job.id, { step: 'network' });
  return job.id;
}

const DAMAGE: [string, string | Buffer, string][] = [
  ['an empty file', '', 'empty'],
  ['zeros left by a power cut', Buffer.alloc(512), 'empty'],
  ['garbage', 'ÿþgarbage{{', 'notJson'],
  ['truncated JSON', '{"id": "2026-', 'notJson'],
  ['the text null', 'null', 'invalid'],
  ['JSON of another shape', '{"hello": "world"}', 'invalid'],
];

describe('damaged job.json (issue #13 item 5)', () => {
  for (const [what, content, problem] of DAMAGE) {
    it(`lists a job with ${what} as damaged, with where the bad copy was kept and the last good revision`, async () => {
      const s = store();
      const id = await savedJob(s);
      writeFileSync(s.file(id), content);
      expect(await s.jobs.list()).toEqual([]);
      const [damaged, ...others] = await s.jobs.damaged();
      expect(others).toEqual([]);
      expect(damaged).toMatchObject({ id, problem, folder: join(s.dir, 'jobs', id), lastGood: { id, revision: 1, title: 'worker-1 site A', step: 'start' } });
      // The bad copy is moved aside byte for byte, and a second look reports the same.
      expect(damaged!.keptAs).toMatch(new RegExp(`job\\.json\\.damaged-\\d{4}-\\d{2}-\\d{2}T[\\d-]+Z-[0-9a-f]{6}$`));
      expect(readFileSync(damaged!.keptAs!)).toEqual(Buffer.from(content));
      expect(existsSync(s.file(id))).toBe(false);
      expect(await s.jobs.damaged()).toEqual([damaged]);
      // Opening it names the problem instead of "not found".
      const err = await s.jobs.get(id).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: 'jobs.damaged', params: { id, file: damaged!.keptAs }, details: damaged });
      expect((err as AppError).localized('zh-CN')).toContain('任务');
    });
  }

  it('two looks at once (the job list asks for both lists together) both report the kept copy', async () => {
    const s = store();
    const id = await savedJob(s);
    writeFileSync(s.file(id), '');
    const [listed, first, second] = await Promise.all([s.jobs.list(), s.jobs.damaged(), s.jobs.damaged()]);
    expect(listed).toEqual([]);
    expect(first).toEqual(second);
    expect(first).toEqual([expect.objectContaining({ id, problem: 'empty', keptAs: expect.stringContaining('job.json.damaged-') })]);
    expect(readdirSync(join(s.dir, 'jobs', id)).filter((f) => f.includes('.damaged-'))).toHaveLength(1);
  });

  it('restores the last good revision, keeps the damaged copy, and records it in the audit log', async () => {
    const s = store();
    const id = await savedJob(s);
    writeFileSync(s.file(id), '');
    const [damaged] = await s.jobs.damaged();
    s.changes.length = 0;
    const restored = await s.jobs.restore(id);
    expect(restored).toMatchObject({ id, revision: 1, title: 'worker-1 site A', data: { manual: { hostname: 'w1' } } });
    expect(await s.jobs.get(id)).toEqual(restored);
    expect(await s.jobs.damaged()).toEqual([]);
    expect((await s.jobs.list()).map((j) => j.id)).toEqual([id]);
    expect(existsSync(damaged!.keptAs!)).toBe(true);
    expect(s.changes).toContain(`+${id}`);
    const audit = await s.jobs.audit(id);
    expect(audit.at(-1)).toMatchObject({ action: 'job.restored', details: { revision: 1, keptAs: damaged!.keptAs } });
    // Work goes on from the restored revision, and is kept again on the next save.
    expect((await s.jobs.update(id, { revision: 1, step: 'iso' })).revision).toBe(2);
  });

  it('restoring a job that is fine changes nothing', async () => {
    const s = store();
    const id = await savedJob(s);
    const before = await s.jobs.get(id);
    expect(await s.jobs.restore(id)).toEqual(before);
    expect(readdirSync(join(s.dir, 'jobs', id)).sort()).toEqual(['job.json', 'job.json.previous']);
  });

  it('says so when there is nothing to restore (saved once, or the earlier copy is damaged too)', async () => {
    const s = store();
    const once = await s.jobs.create('manual', 'once');
    writeFileSync(s.file(once.id), 'garbage');
    const [damaged] = await s.jobs.damaged();
    expect(damaged).toMatchObject({ id: once.id, problem: 'notJson' });
    expect(damaged!.lastGood).toBeUndefined();
    await expect(s.jobs.restore(once.id)).rejects.toMatchObject({ code: 'jobs.nothingToRestore' });
    const twice = await savedJob(s);
    writeFileSync(s.file(twice), '');
    writeFileSync(s.file(twice, 'job.json.previous'), '{"id":');
    await expect(s.jobs.restore(twice)).rejects.toMatchObject({ code: 'jobs.nothingToRestore', params: { id: twice } });
    expect(translate('en', 'jobs.errors.nothingToRestore', { id: twice })).toContain(twice);
  });

  it('a job folder without job.json (e.g. after a crash in an older version) is listed, restorable', async () => {
    const s = store();
    const id = await savedJob(s);
    rmSync(s.file(id));
    const [damaged] = await s.jobs.damaged();
    expect(damaged).toMatchObject({ id, problem: 'missing', lastGood: { revision: 1 } });
    expect(damaged!.keptAs).toBeUndefined();
    expect((await s.jobs.restore(id)).revision).toBe(1);
  });

  it('brings back jobs that older versions hid after renaming them to job.json.corrupt-<ms>', async () => {
    const s = store();
    const id = await savedJob(s);
    const legacy = `${s.file(id)}.corrupt-1764316800000`;
    writeFileSync(legacy, '{"id": trunc');
    rmSync(s.file(id));
    expect(await s.jobs.damaged()).toEqual([expect.objectContaining({ id, problem: 'notJson', keptAs: legacy })]);
  });

  it('an unreadable job.json is listed but not moved (the system refused; nothing to judge)', async () => {
    const s = store();
    const id = await savedJob(s);
    // A read error root also gets (tests may run as root, which ignores file permissions).
    rmSync(s.file(id));
    mkdirSync(s.file(id));
    const [damaged] = await s.jobs.damaged();
    expect(damaged).toMatchObject({ id, problem: 'unreadable', detail: 'EISDIR' });
    expect(existsSync(s.file(id))).toBe(true);
    const restored = await s.jobs.restore(id);
    expect(restored.revision).toBe(1);
    expect(readdirSync(join(s.dir, 'jobs', id)).some((f) => f.startsWith('job.json.damaged-'))).toBe(true);
  });

  it('removes a damaged job with its folder and reports it removed', async () => {
    const s = store();
    const id = await savedJob(s);
    writeFileSync(s.file(id), '');
    await s.jobs.damaged();
    s.changes.length = 0;
    expect(await s.jobs.remove(id)).toBe(true);
    expect(existsSync(join(s.dir, 'jobs', id))).toBe(false);
    expect(s.changes).toEqual([`-${id}`]);
    expect(await s.jobs.damaged()).toEqual([]);
  });

  it('ignores entries in the jobs folder that are not job folders', async () => {
    const s = store();
    await savedJob(s);
    writeFileSync(join(s.dir, 'jobs', '.DS_Store'), 'x');
    writeFileSync(join(s.dir, 'jobs', 'notes-about-jobs.txt'), 'x');
    expect(await s.jobs.damaged()).toEqual([]);
    expect(await s.jobs.list()).toHaveLength(1);
  });

  it('a job.json that belongs to another id is damaged (copied folders must not impersonate a job)', async () => {
    const s = store();
    const a = await savedJob(s);
    const b = await s.jobs.create('manual', 'other');
    writeFileSync(s.file(b.id), readFileSync(s.file(a)));
    expect(await s.jobs.damaged()).toEqual([expect.objectContaining({ id: b.id, problem: 'invalid', detail: expect.stringContaining('another job') })]);
  });
});
