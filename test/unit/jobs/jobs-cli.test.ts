import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runCli } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/command';
import { JobStore } from '../../../electron/services/jobs/job-store';
import { acquireDataFolderLock } from '../../../electron/services/lock/data-folder-lock';
import { systemClock } from '../../../electron/services/clock';
import type { Language } from '../../../shared/i18n';

async function cli(argv: string[], lang: Language = 'en') {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdin: Readable.from([]), stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), lang, env: {} };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/** A data folder with one good job and one whose job.json was emptied after two saves. */
async function folder() {
  const dir = mkdtempSync(join(tmpdir(), 'sfk-cli-jobs-'));
  const jobs = new JobStore(dir, systemClock);
  const good = await jobs.create('manual', 'worker-1');
  const bad = await jobs.create('assisted', 'worker-2');
  await jobs.update(bad.id, { step: 'network' });
  await jobs.update(bad.id, { step: 'iso' });
  writeFileSync(join(dir, 'jobs', bad.id, 'job.json'), '');
  return { dir, good: good.id, bad: bad.id };
}

describe('sno-field-kit jobs', () => {
  it('lists good and damaged jobs, with how to restore', async () => {
    const { dir, good, bad } = await folder();
    const out = await cli(['jobs', 'list', '--data-dir', dir]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`${good}  In progress  r0  worker-1`);
    expect(out.stdout).toContain(`${bad}  Damaged  job.json is empty`);
    expect(out.stdout).toContain(`To restore revision 1: sno-field-kit jobs restore ${bad}`);
    const json = JSON.parse((await cli(['jobs', 'list', '--json', '--data-dir', dir])).stdout) as { jobs: unknown[]; damaged: { id: string; keptAs: string }[] };
    expect(json.jobs).toHaveLength(1);
    expect(json.damaged).toEqual([expect.objectContaining({ id: bad, problem: 'empty', keptAs: expect.stringContaining('job.json.damaged-') })]);
  });

  it('restores a damaged job, in zh-CN too', async () => {
    const { dir, bad } = await folder();
    const out = await cli(['jobs', 'restore', bad, '--data-dir', dir], 'zh-CN');
    expect(out).toMatchObject({ code: 0, stdout: '任务“worker-2”已恢复到版本 1。\n' });
    expect((await new JobStore(dir, systemClock).get(bad)).revision).toBe(1);
    expect(await cli(['jobs', 'restore', bad, '--data-dir', dir])).toMatchObject({ code: 0, stdout: `The job ${bad} can be read (revision 1); nothing was changed.\n` });
  });

  it('refuses while another program holds the folder, and explains bad usage', async () => {
    const { dir, bad } = await folder();
    const lock = await acquireDataFolderLock(dir, 'desktopApp');
    try {
      const out = await cli(['jobs', 'restore', bad, '--data-dir', dir]);
      expect(out.code).toBe(1);
      expect(out.stderr).toContain(`in use by the SNO Field Kit desktop app (process ${process.pid}, started `);
    } finally {
      await lock.release();
    }
    expect(await cli(['jobs', 'restore', '--data-dir', dir])).toMatchObject({ code: 2, stderr: expect.stringContaining('Give the id of one job to restore') });
    expect(await cli(['jobs', 'restore', 'no-such-job', '--data-dir', dir])).toMatchObject({ code: 1, stderr: expect.stringContaining('does not exist') });
    expect((await cli(['jobs', 'frobnicate'])).code).toBe(2);
  });
});
