import { readdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { AppError } from '../../../shared/api/errors';
import { jobSchema, auditEntrySchema, type DamagedJob, type Job, type JobKind, type JobSummary, type AuditEntry } from '../../../shared/api/domains/jobs';
import { redactValue } from '../../../shared/redact';
import { writeFileAtomic, appendLineDurable } from '../fs/atomic-write';
import { keepAside } from '../fs/damaged-file';
import type { Clock } from '../clock';
import { inspectJobFolder, lastGood, JOB_FILE, PREVIOUS_FILE, type JobFolderState } from './job-folder';

/**
 * Per-job queues shared by every store in this process, keyed by the job's folder: two stores on
 * one data folder (two backends, a CLI command inside a test) must not hand out a revision twice.
 * Other processes are kept out of the folder by the data-folder lock.
 */
const queues = new Map<string, Promise<unknown>>();

/**
 * A write that changes nothing is not a change: it keeps the revision and `updatedAt` (the job list's
 * order) as they were and announces nothing. Without this, a screen or poll that saves what is already
 * there (opening a finished job) would move the job to the top of the list as if work had been done.
 * Compared as written to disk, so an `undefined` field equals an absent one.
 */
function sameContent(current: Job, next: Job): boolean {
  const content = (job: Job) => JSON.stringify({ ...job, revision: 0, updatedAt: '' });
  return content(current) === content(next);
}

export interface JobUpdate {
  revision?: number | undefined;
  title?: string | undefined;
  step?: string | undefined;
  status?: Job['status'] | undefined;
  data?: Record<string, unknown> | undefined;
}

/**
 * Jobs on disk: `<dataDir>/jobs/<id>/job.json` (written atomically, the revision before it kept as
 * job.json.previous) and `audit.jsonl` (append-only, fsynced). Each job folder is also where a
 * flow keeps its generated files and session logs. Updates are serialised per job, and a stale
 * revision is refused rather than overwriting. A job.json that cannot be read is listed as
 * damaged (job-folder.ts), never dropped.
 */
export class JobStore {
  readonly #root: string;

  constructor(
    dataDir: string,
    private readonly clock: Clock,
    private readonly onChange: (id: string, removed?: boolean) => void = () => {},
    private readonly actor: () => string = defaultActor,
  ) {
    this.#root = join(dataDir, 'jobs');
  }

  /** The job's own folder, for files a flow generates (Ignition configs, logs, reports). */
  folder(id: string): string {
    return join(this.#root, checkId(id));
  }

  /** The jobs that can be opened, newest first. */
  async list(): Promise<JobSummary[]> {
    const jobs: JobSummary[] = [];
    for (const state of await this.#scan()) {
      if (state.state !== 'ok') continue;
      const { data: _data, ...summary } = state.job;
      jobs.push(summary);
    }
    return jobs.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  /** The jobs whose job.json cannot be read, with what can be done about each. */
  async damaged(): Promise<DamagedJob[]> {
    return (await this.#scan()).flatMap((state) => (state.state === 'damaged' ? [state.damaged] : []));
  }

  /** Waits for writes queued for the job, so it never sees (or moves aside) a file mid-change. */
  async get(id: string): Promise<Job> {
    return this.#serialised(id, () => this.#load(id));
  }

  /** Reads the job inside its queue. */
  async #load(id: string): Promise<Job> {
    const state = await this.#inspect(id);
    if (state.state === 'ok') return state.job;
    if (state.state === 'absent') throw new AppError('jobs.notFound', { id });
    throw damagedError(state.damaged);
  }

  /**
   * Brings a damaged job back at its last good revision. A job that is fine is returned as it is;
   * the damaged copy stays where it was kept, and the audit log records the restore.
   */
  async restore(id: string): Promise<Job> {
    const job = await this.#serialised(id, async () => {
      const state = await this.#inspect(id);
      if (state.state === 'absent') throw new AppError('jobs.notFound', { id });
      if (state.state === 'ok') return undefined;
      const good = await lastGood(this.folder(id), id);
      if (!good) throw new AppError('jobs.nothingToRestore', { id }, state.damaged);
      // An unreadable job.json was not moved on inspection; it must not be overwritten either.
      const keptAs = state.damaged.keptAs ?? (await keepAside(join(this.folder(id), JOB_FILE), this.clock.now()));
      await this.#writeText(id, good.text, false);
      return { restored: good.job, keptAs };
    });
    if (!job) return this.get(id);
    await this.appendAudit(id, {
      action: 'job.restored',
      summary: `restored revision ${job.restored.revision} after job.json was damaged`,
      details: { revision: job.restored.revision, ...(job.keptAs ? { keptAs: job.keptAs } : {}) },
    });
    return job.restored;
  }

  async create(kind: JobKind, title: string): Promise<Job> {
    const now = new Date(this.clock.now()).toISOString();
    const id = `${now.slice(0, 10)}-${randomBytes(4).toString('hex')}`;
    const job: Job = { id, kind, title, status: 'active', step: 'start', createdAt: now, updatedAt: now, revision: 0, data: {} };
    await this.#write(job);
    this.onChange(id);
    return job;
  }

  async update(id: string, patch: JobUpdate): Promise<Job> {
    return this.#serialised(id, async () => {
      const current = await this.#load(id);
      if (patch.revision !== undefined && patch.revision !== current.revision) {
        throw new AppError('jobs.staleRevision', { current: current.revision, yours: patch.revision });
      }
      const next: Job = {
        ...current,
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.step !== undefined ? { step: patch.step } : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        data: patch.data ? { ...current.data, ...patch.data } : current.data,
        revision: current.revision + 1,
        updatedAt: new Date(this.clock.now()).toISOString(),
      };
      if (sameContent(current, next)) return current;
      await this.#write(next);
      // Finishing or abandoning a job is part of its record (the site report's timeline).
      if (next.status !== current.status) {
        await this.#appendAuditLine(id, { action: 'job.status', summary: `Job ${current.status} -> ${next.status}`, details: { from: current.status, to: next.status } });
      }
      this.onChange(id);
      return next;
    });
  }

  /** Applies a change to one flow's slice of `data` under the job's lock (read-modify-write safe). */
  async updateData<T>(id: string, key: string, change: (current: T | undefined) => T, step?: string): Promise<Job> {
    return this.#serialised(id, async () => {
      const current = await this.#load(id);
      const next: Job = {
        ...current,
        ...(step !== undefined ? { step } : {}),
        data: { ...current.data, [key]: change(current.data[key] as T | undefined) },
        revision: current.revision + 1,
        updatedAt: new Date(this.clock.now()).toISOString(),
      };
      if (sameContent(current, next)) return current;
      await this.#write(next);
      this.onChange(id);
      return next;
    });
  }

  /** Removes the job's folder (a damaged job too), after any write already queued for it. */
  async remove(id: string): Promise<boolean> {
    const folder = this.folder(id);
    const existed = await this.#serialised(id, async () => {
      const state = await this.#inspect(id);
      await rm(folder, { recursive: true, force: true });
      return state.state !== 'absent';
    });
    if (existed) this.onChange(id, true);
    return existed;
  }

  async appendAudit(id: string, entry: Omit<AuditEntry, 'at' | 'actor'> & { actor?: string }): Promise<AuditEntry> {
    await this.get(id);
    return this.#appendAuditLine(id, entry);
  }

  /** Appends without waiting for the job's queue: for callers already inside it (a queued get would deadlock). */
  async #appendAuditLine(id: string, entry: Omit<AuditEntry, 'at' | 'actor'> & { actor?: string }): Promise<AuditEntry> {
    const full = auditEntrySchema.parse(
      redactValue({ at: new Date(this.clock.now()).toISOString(), actor: entry.actor ?? this.actor(), action: entry.action, summary: entry.summary, details: entry.details }),
    );
    await appendLineDurable(join(this.folder(id), 'audit.jsonl'), JSON.stringify(full));
    this.onChange(id);
    return full;
  }

  async audit(id: string): Promise<AuditEntry[]> {
    await this.get(id);
    const text = await readFile(join(this.folder(id), 'audit.jsonl'), 'utf8').catch(() => '');
    return text
      .split('\n')
      .filter(Boolean)
      .flatMap((line) => {
        const parsed = auditEntrySchema.safeParse(safeJson(line));
        return parsed.success ? [parsed.data] : [];
      });
  }

  async #write(job: Job): Promise<void> {
    let text: string;
    try {
      text = `${JSON.stringify(jobSchema.parse(job), null, 2)}\n`;
    } catch (err) {
      throw new AppError('jobs.writeFailed', { reason: err instanceof Error ? err.message.slice(0, 120) : String(err) });
    }
    await this.#writeText(job.id, text, true);
  }

  async #writeText(id: string, text: string, keepPrevious: boolean): Promise<void> {
    const folder = this.folder(id);
    try {
      await writeFileAtomic(join(folder, JOB_FILE), text, 0o600, keepPrevious ? { keepPrevious: join(folder, PREVIOUS_FILE) } : {});
    } catch (err) {
      throw new AppError('jobs.writeFailed', { reason: (err as NodeJS.ErrnoException).code ?? String(err) });
    }
  }

  #inspect(id: string): Promise<JobFolderState> {
    return inspectJobFolder(this.folder(id), id, this.clock.now());
  }

  async #scan(): Promise<JobFolderState[]> {
    let names: string[];
    try {
      names = await readdir(this.#root);
    } catch {
      return [];
    }
    // Only names a job id can have: anything else in the folder was not made by this app.
    const ids = names.filter((name) => JOB_ID.test(name));
    return Promise.all(ids.map((id) => this.#serialised(id, () => this.#inspect(id))));
  }

  async #serialised<T>(id: string, task: () => Promise<T>): Promise<T> {
    const key = resolve(this.folder(id));
    const previous = queues.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const settled = run.catch(() => {});
    queues.set(key, settled);
    try {
      return await run;
    } finally {
      if (queues.get(key) === settled) queues.delete(key);
    }
  }
}

const JOB_ID = /^[a-z0-9-]{6,64}$/;

function checkId(id: string): string {
  if (!JOB_ID.test(id)) throw new AppError('jobs.notFound', { id: id.slice(0, 64) });
  return id;
}

function damagedError(damaged: DamagedJob): AppError {
  return new AppError('jobs.damaged', { id: damaged.id, file: damaged.keptAs ?? damaged.folder }, damaged);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function defaultActor(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
