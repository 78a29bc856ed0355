import { z } from 'zod';
import { method, event } from '../define';
import { damagedFileSchema } from './damaged-file';

/**
 * A job is one worker being added. It is saved after every change so that a crash, a flat
 * battery or a closed lid never loses a half-done job. Each flow keeps its own state in `data`
 * under its own key (e.g. data.assisted, data.manual) and validates it with its own schema.
 */
export const jobKindSchema = z.enum(['assisted', 'manual', 'console', 'nodeimage']);
export type JobKind = z.infer<typeof jobKindSchema>;

export const jobSchema = z.object({
  id: z.string(),
  kind: jobKindSchema,
  title: z.string(),
  status: z.enum(['active', 'done', 'abandoned']),
  /** The wizard step the technician was on, to reopen the job where it was left */
  step: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Monotonic revision; an update carrying an older revision is refused instead of overwriting newer work */
  revision: z.number().int().nonnegative(),
  data: z.record(z.string(), z.unknown()),
});
export type Job = z.infer<typeof jobSchema>;

export const jobSummarySchema = jobSchema.omit({ data: true });
export type JobSummary = z.infer<typeof jobSummarySchema>;

/**
 * A job whose job.json cannot be read. It stays in the list (never silently dropped) with what is
 * wrong, where the bad copy was kept, and the last good revision that `jobs.restore` brings back.
 */
export const damagedJobSchema = damagedFileSchema.extend({
  id: z.string(),
  /** The job's folder (generated files, logs) */
  folder: z.string(),
  /** The revision saved before the damage (kept on every save); absent when there is none to restore */
  lastGood: jobSummarySchema.optional(),
});
export type DamagedJob = z.infer<typeof damagedJobSchema>;

export const auditEntrySchema = z.object({
  at: z.string(),
  /** Who did it: the OS user name, or 'auto' for automatic actions */
  actor: z.string(),
  action: z.string(),
  summary: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const jobIdSchema = z.object({ id: z.string().regex(/^[a-z0-9-]{6,64}$/) });

export const jobsMethods = {
  /** The jobs that can be opened; see jobs.damaged for those that cannot */
  'jobs.list': method(z.void(), z.array(jobSummarySchema)),
  'jobs.damaged': method(z.void(), z.array(damagedJobSchema)),
  /** Brings back a damaged job's last good revision; the damaged copy stays where jobs.damaged said. */
  'jobs.restore': method(jobIdSchema, jobSchema),
  'jobs.get': method(jobIdSchema, jobSchema),
  'jobs.create': method(z.object({ kind: jobKindSchema, title: z.string().trim().min(1).max(120) }), jobSchema),
  /** Shallow-merges `data` by top-level key, so two flows never overwrite each other's state. */
  'jobs.update': method(
    jobIdSchema.extend({
      revision: z.number().int().nonnegative().optional(),
      title: z.string().trim().min(1).max(120).optional(),
      step: z.string().optional(),
      status: z.enum(['active', 'done', 'abandoned']).optional(),
      data: z.record(z.string(), z.unknown()).optional(),
    }),
    jobSchema,
  ),
  'jobs.remove': method(jobIdSchema, z.object({ removed: z.boolean() })),
  'jobs.audit': method(jobIdSchema, z.array(auditEntrySchema)),
  'jobs.appendAudit': method(jobIdSchema.extend({ entry: auditEntrySchema.omit({ at: true, actor: true }) }), auditEntrySchema),
};

export const jobsEvents = {
  'jobs.changed': event(z.object({ id: z.string(), removed: z.boolean().optional() })),
};
