import { parseArgs } from 'node:util';
import { isAppError } from '../../../shared/api/errors';
import { translate } from '../../../shared/i18n/translate';
import type { DamagedJob, JobSummary } from '../../../shared/api/domains/jobs';
import { JobStore } from '../../services/jobs/job-store';
import { systemClock } from '../../services/clock';
import { defaultDataDir } from '../../services/paths';
import { acquireDataFolderLock } from '../../services/lock/data-folder-lock';
import { type CliCommand, type CliIo, printUsage } from '../command';

/**
 * `sno-field-kit jobs list|restore`: the job list with damaged jobs, and restoring a damaged job's
 * last good revision, for when the app will not start. Looking at the jobs moves a damaged file
 * aside, so both take the data-folder lock (as "CLI") and refuse while an app has the folder.
 * Exit 0 done, 1 refused (folder in use, nothing to restore, no such job), 2 bad usage.
 */
type T = (key: string, params?: Record<string, unknown>) => string;

class UsageError extends Error {}

function parse(argv: string[]): { values: { 'data-dir'?: string; json?: boolean; help?: boolean }; positionals: string[] } {
  try {
    return parseArgs({ args: argv, options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

async function withJobs<R>(io: CliIo, dataDir: string | undefined, work: (jobs: JobStore) => Promise<R>): Promise<R> {
  const dir = dataDir ?? defaultDataDir(io.env);
  const lock = await acquireDataFolderLock(dir, 'cli');
  try {
    return await work(new JobStore(dir, systemClock));
  } finally {
    await lock.release();
  }
}

function damagedLines(d: DamagedJob, t: T): string[] {
  return [
    `${d.id}  ${t('jobs.damaged.label')}  ${t(`jobs.damaged.problem.${d.problem}`)}`,
    ...(d.keptAs ? [`    ${t('jobs.damaged.keptAs', { path: d.keptAs })}`] : []),
    `    ${d.lastGood ? t('jobs.cli.restoreHint', { id: d.id, revision: d.lastGood.revision }) : t('jobs.damaged.noLastGood')}`,
  ];
}

async function list(argv: string[], io: CliIo, t: T): Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.help) return usage(io, t, 0);
  if (positionals.length) throw new UsageError(t('jobs.cli.unknownOption', { option: positionals[0] }));
  const { jobs, damaged } = await withJobs(io, values['data-dir'], async (store) => ({ jobs: await store.list(), damaged: await store.damaged() }));
  if (values.json) {
    io.stdout(`${JSON.stringify({ jobs, damaged }, null, 2)}\n`);
    return 0;
  }
  if (!jobs.length && !damaged.length) io.stdout(`${t('jobs.cli.none')}\n`);
  for (const job of jobs) io.stdout(`${line(job, t)}\n`);
  for (const d of damaged) io.stdout(`${damagedLines(d, t).join('\n')}\n`);
  return 0;
}

function line(job: JobSummary, t: T): string {
  return `${job.id}  ${t(`app.home.status.${job.status}`)}  r${job.revision}  ${job.title}`;
}

async function restore(argv: string[], io: CliIo, t: T): Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.help) return usage(io, t, 0);
  const id = positionals[0];
  if (!id || positionals.length > 1) throw new UsageError(t('jobs.cli.missingId'));
  const outcome = await withJobs(io, values['data-dir'], async (store) => {
    if (!(await store.damaged()).some((d) => d.id === id)) return { job: await store.get(id), restored: false };
    return { job: await store.restore(id), restored: true };
  });
  const { job, restored } = outcome;
  io.stdout(`${restored ? t('jobs.damaged.restored', { title: job.title, revision: job.revision }) : t('jobs.cli.notDamaged', { id, revision: job.revision })}\n`);
  return 0;
}

function usage(io: CliIo, t: T, code: number): number {
  return printUsage(io, t('jobs.cli.usage'), code);
}

export const jobsCommand: CliCommand = {
  name: 'jobs',
  summary: translate('en', 'jobs.cli.summary'),
  async run(argv, io) {
    const t: T = (key, params) => translate(io.lang, key, params);
    const [sub, ...rest] = argv;
    try {
      if (sub === 'list') return await list(rest, io, t);
      if (sub === 'restore') return await restore(rest, io, t);
      if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') return usage(io, t, sub === undefined ? 2 : 0);
      throw new UsageError(t('jobs.cli.unknownOption', { option: sub }));
    } catch (err) {
      if (err instanceof UsageError) {
        io.stderr(`${err.message}\n\n`);
        return usage(io, t, 2);
      }
      if (isAppError(err)) {
        io.stderr(`${err.localized(io.lang)}\n`);
        return 1;
      }
      throw err;
    }
  },
};
