import { readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { AppError } from '../../../shared/api/errors';
import { jobSchema, auditEntrySchema, type Job, type JobKind, type JobSummary, type AuditEntry } from '../../../shared/api/domains/jobs';
import { redactValue } from '../../../shared/redact';
import { writeFileAtomic, appendLineDurable } from '../fs/atomic-write';
import type { Clock } from '../clock';

export interface JobUpdate {
  revision?: number | undefined;
  title?: string | undefined;
  step?: string | undefined;
  status?: Job['status'] | undefined;
  data?: Record<string, unknown> | undefined;
}

/**
 * Jobs on disk: `<dataDir>/jobs/<id>/job.json` (written atomically) and `audit.jsonl` (append-only,
 * fsynced). Each job folder is also where a flow keeps its generated files and session logs.
 * Updates are serialised per job, and a stale revision is refused rather than overwriting.
 */
export class JobStore {
  readonly #root: string;
  readonly #locks = new Map<string, Promise<unknown>>();

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

  async list(): Promise<JobSummary[]> {
    let names: string[];
    try {
      names = await readdir(this.#root);
    } catch {
      return [];
    }
    const jobs: JobSummary[] = [];
    for (const name of names) {
      try {
        const { data: _data, ...summary } = await this.get(name);
        jobs.push(summary);
      } catch {
        // A job that cannot be read is skipped here; opening it shows why.
      }
    }
    return jobs.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  async get(id: string): Promise<Job> {
    const file = join(this.folder(id), 'job.json');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw new AppError('jobs.notFound', { id });
    }
    const parsed = jobSchema.safeParse(safeJson(text));
    if (!parsed.success) {
      const kept = `${file}.corrupt-${this.clock.now()}`;
      await rename(file, kept).catch(() => {});
      throw new AppError('jobs.corrupt', { id, reason: parsed.error.issues[0]?.message ?? 'invalid JSON', file: kept });
    }
    return parsed.data;
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
      const current = await this.get(id);
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
      await this.#write(next);
      // Finishing or abandoning a job is part of its record (the site report's timeline).
      if (next.status !== current.status) {
        await this.appendAudit(id, { action: 'job.status', summary: `Job ${current.status} -> ${next.status}`, details: { from: current.status, to: next.status } });
      }
      this.onChange(id);
      return next;
    });
  }

  /** Applies a change to one flow's slice of `data` under the job's lock (read-modify-write safe). */
  async updateData<T>(id: string, key: string, change: (current: T | undefined) => T, step?: string): Promise<Job> {
    return this.#serialised(id, async () => {
      const current = await this.get(id);
      const next: Job = {
        ...current,
        ...(step !== undefined ? { step } : {}),
        data: { ...current.data, [key]: change(current.data[key] as T | undefined) },
        revision: current.revision + 1,
        updatedAt: new Date(this.clock.now()).toISOString(),
      };
      await this.#write(next);
      this.onChange(id);
      return next;
    });
  }

  async remove(id: string): Promise<boolean> {
    const folder = this.folder(id);
    const existed = await readFile(join(folder, 'job.json')).then(() => true, () => false);
    await rm(folder, { recursive: true, force: true });
    if (existed) this.onChange(id, true);
    return existed;
  }

  async appendAudit(id: string, entry: Omit<AuditEntry, 'at' | 'actor'> & { actor?: string }): Promise<AuditEntry> {
    await this.get(id);
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
    try {
      await writeFileAtomic(join(this.folder(job.id), 'job.json'), `${JSON.stringify(jobSchema.parse(job), null, 2)}\n`);
    } catch (err) {
      throw new AppError('jobs.writeFailed', { reason: (err as NodeJS.ErrnoException).code ?? String(err) });
    }
  }

  async #serialised<T>(id: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#locks.get(id) ?? Promise.resolve();
    const run = previous.then(task, task);
    const settled = run.catch(() => {});
    this.#locks.set(id, settled);
    try {
      return await run;
    } finally {
      if (this.#locks.get(id) === settled) this.#locks.delete(id);
    }
  }
}

function checkId(id: string): string {
  if (!/^[a-z0-9-]{6,64}$/.test(id)) throw new AppError('jobs.notFound', { id: id.slice(0, 64) });
  return id;
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
