import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { jobSchema, type DamagedJob, type Job, type JobSummary } from '../../../shared/api/domains/jobs';
import { inspectFile, keepAside, latestKeptAside, type Inspection } from '../fs/damaged-file';

/** A job folder holds job.json and, from the second save on, the revision before it. */
export const JOB_FILE = 'job.json';
export const PREVIOUS_FILE = 'job.json.previous';

export type JobFolderState = { state: 'absent' } | { state: 'ok'; job: Job } | { state: 'damaged'; damaged: DamagedJob };

const jobFor = (id: string) => jobSchema.refine((job) => job.id === id, { message: 'the file belongs to another job', path: ['id'] });

/**
 * What is in one job folder. A damaged job.json is moved aside the first time it is seen (so
 * nothing later can write over it) and the job is reported as damaged, with the last good
 * revision when one was kept; the kept copy tells later looks what was wrong with it.
 */
export async function inspectJobFolder(folder: string, id: string, now: number): Promise<JobFolderState> {
  if (!(await isFolder(folder))) return { state: 'absent' };
  const file = join(folder, JOB_FILE);
  const current = await inspectFile(file, jobFor(id));
  if (current.state === 'ok') return { state: 'ok', job: current.value };

  let problem: Inspection<Job> = current;
  let keptAs: string | undefined;
  if (current.problem === 'missing') {
    // Moved aside on an earlier look: report what was wrong with that copy.
    keptAs = await latestKeptAside(file);
    if (keptAs) problem = await inspectFile(keptAs, jobFor(id));
    if (problem.state === 'ok') problem = { state: 'damaged', problem: 'missing' };
  } else if (current.problem !== 'unreadable') {
    // Moved by another program since it was read (the lock keeps others out; be safe anyway).
    keptAs = (await keepAside(file, now)) ?? (await latestKeptAside(file));
  }
  const previous = await lastGood(folder, id);
  return {
    state: 'damaged',
    damaged: {
      id,
      folder,
      problem: problem.state === 'damaged' ? problem.problem : 'missing',
      ...(problem.state === 'damaged' && problem.detail ? { detail: problem.detail } : {}),
      ...(keptAs ? { keptAs } : {}),
      ...(previous ? { lastGood: previous.summary } : {}),
    },
  };
}

/** The revision kept by the save before the last one, if it is a good copy of this job. */
export async function lastGood(folder: string, id: string): Promise<{ job: Job; text: string; summary: JobSummary } | undefined> {
  const previous = await inspectFile(join(folder, PREVIOUS_FILE), jobFor(id));
  if (previous.state !== 'ok') return undefined;
  const { data: _data, ...summary } = previous.value;
  return { job: previous.value, text: previous.text, summary };
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}
