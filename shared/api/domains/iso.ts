import { z } from 'zod';
import { method, event } from '../define';

/**
 * Self-installing USB: embed the per-node Ignition, network keyfiles and install target into a
 * RHCOS live ISO (the coreos-installer embed areas), show what any ISO carries, and reset it.
 */
export const afterInstallSchema = z.enum(['poweroff', 'shell', 'reboot']);

export const keyfileSchema = z.object({
  fileName: z.string().min(1).max(128),
  content: z.string().max(64 * 1024),
});

export const selfInstallSpecSchema = z.object({
  destDevice: z.string().min(1).max(512),
  destIgnition: z
    .string()
    .min(2)
    .max(1024 * 1024),
  keyfiles: z.array(keyfileSchema).max(32).default([]),
  afterInstall: afterInstallSchema.default('poweroff'),
  kargsAppend: z.array(z.string().min(1).max(512)).max(32).default([]),
  destKargsAppend: z.array(z.string().min(1).max(512)).max(32).default([]),
});
export type SelfInstallSpecInput = z.input<typeof selfInstallSpecSchema>;

export const isoOutputSchema = z.discriminatedUnion('mode', [
  /** A new file (default: in the cache); the source ISO is never modified */
  z.object({ mode: z.literal('copy'), path: z.string().min(1).optional(), overwrite: z.boolean().default(false) }),
  /** Rewrite only the embed areas of the given file (a copy the technician owns) */
  z.object({ mode: z.literal('inPlace') }),
]);

export const isoInspectionSchema = z.object({
  path: z.string(),
  size: z.number(),
  volumeId: z.string(),
  minimal: z.boolean(),
  features: z.object({ installerConfig: z.boolean(), liveInitrdNetwork: z.boolean(), directives: z.record(z.string(), z.boolean()) }),
  initrd: z.object({
    file: z.string(),
    offset: z.number(),
    capacity: z.number(),
    used: z.number(),
    pristine: z.boolean(),
    formats: z.array(z.string()),
    xzChecks: z.array(z.string()),
    members: z.array(z.object({ path: z.string(), size: z.number() })),
    ignition: z.string().optional(),
    keyfiles: z.array(keyfileSchema),
  }),
  kargs: z.object({ current: z.string(), default: z.string(), size: z.number(), files: z.array(z.string()), offsets: z.array(z.number()) }).optional(),
  pristine: z.boolean(),
});
export type IsoInspectionResult = z.infer<typeof isoInspectionSchema>;

export const isoWriteResultSchema = z.object({
  outputPath: z.string(),
  mode: z.enum(['copy', 'inPlace']),
  /** sha256 of the ISO that went in (copy mode) and of the one that came out (in place only when asked; a copy's via iso.outputChecksum) */
  sourceSha256: z.string().optional(),
  outputSha256: z.string().optional(),
  size: z.number(),
  durationMs: z.number(),
  inspection: isoInspectionSchema,
});
export type IsoWriteResult = z.infer<typeof isoWriteResultSchema>;

const operationId = z
  .string()
  .regex(/^[A-Za-z0-9-]{4,64}$/)
  .optional();

export const isoMethods = {
  'iso.inspect': method(z.object({ path: z.string().min(1) }), isoInspectionSchema),
  'iso.customize': method(
    z.object({
      sourcePath: z.string().min(1),
      output: isoOutputSchema.default({ mode: 'copy', overwrite: false }),
      spec: selfInstallSpecSchema,
      force: z.boolean().default(false),
      /** Accept a minimal ISO (root file system from the network at boot) */
      allowMinimal: z.boolean().default(false),
      compression: z.enum(['xz', 'gzip']).default('xz'),
      /** From the artifact cache / stream metadata: refuse a source that does not match */
      expectedSourceSha256: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .optional(),
      jobId: z
        .string()
        .regex(/^[a-z0-9-]{6,64}$/)
        .optional(),
      operationId,
      hashInPlace: z.boolean().default(false),
    }),
    isoWriteResultSchema,
  ),
  /** A customised copy's sha256, computed on first need and checked against what it must be */
  'iso.outputChecksum': method(
    z.object({
      path: z.string().min(1),
      jobId: z
        .string()
        .regex(/^[a-z0-9-]{6,64}$/)
        .optional(),
    }),
    z.object({ sha256: z.string() }),
  ),
  'iso.remove': method(
    z.object({
      path: z.string().min(1),
      output: isoOutputSchema.default({ mode: 'inPlace' }),
      jobId: z
        .string()
        .regex(/^[a-z0-9-]{6,64}$/)
        .optional(),
      operationId,
    }),
    isoWriteResultSchema,
  ),
};

export const isoProgressSchema = z.object({
  operationId: z.string(),
  phase: z.enum(['checking', 'copying', 'writing', 'verifying', 'done']),
  bytes: z.number(),
  total: z.number(),
});
export type IsoProgress = z.infer<typeof isoProgressSchema>;

export const isoEvents = {
  'iso.progress': event(isoProgressSchema),
};

/** What the job remembers about each stick it built (job.data.iso). */
export const isoJobBuildSchema = z.object({
  at: z.string(),
  sourcePath: z.string(),
  sourceSha256: z.string().optional(),
  /** The file built, or for a stick written straight from the source (mode stick) the stick's name */
  outputPath: z.string(),
  outputSha256: z.string().optional(),
  mode: z.enum(['copy', 'inPlace', 'stick']),
  destDevice: z.string(),
  afterInstall: afterInstallSchema,
  kargs: z.string().optional(),
  keyfiles: z.array(z.string()),
});
export const isoJobDataSchema = z.object({ builds: z.array(isoJobBuildSchema).default([]) });
export type IsoJobData = z.infer<typeof isoJobDataSchema>;
export type IsoJobBuild = z.infer<typeof isoJobBuildSchema>;
