import { z } from 'zod';

/**
 * What can be wrong with a file the app saved (a job's job.json, settings.json). Power cuts, full
 * disks and hand edits produce these; each is shown, never silently dropped.
 */
export const fileProblemSchema = z.enum([
  /** The file is not there (its folder is) */
  'missing',
  /** Zero bytes, or only blanks / NUL bytes: typical after a power cut */
  'empty',
  /** Text that is not JSON */
  'notJson',
  /** JSON, but not the shape the app saves */
  'invalid',
  /** The operating system refused to read it (permissions, I/O error) */
  'unreadable',
]);
export type FileProblem = z.infer<typeof fileProblemSchema>;

export const damagedFileSchema = z.object({
  problem: fileProblemSchema,
  /** The parser's or the operating system's words, for support */
  detail: z.string().optional(),
  /** Where the unreadable copy was moved, untouched, for inspection */
  keptAs: z.string().optional(),
});
export type DamagedFile = z.infer<typeof damagedFileSchema>;
