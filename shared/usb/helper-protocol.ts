import { z } from 'zod';
import { wirePatchesSchema } from './image-patches';

/**
 * JSON lines between the app and the privileged writer helper, over the helper's stdin/stdout
 * (never a socket: only the process that started the helper can talk to it). One helper process
 * performs exactly one write; the first request line must be `write`, after that only `cancel`.
 */
export const HELPER_PROTOCOL_VERSION = 1;
/** Longer request lines are refused before JSON parsing (room for the embed areas of a self-installing stick). */
export const MAX_REQUEST_LINE = 2 * 1024 * 1024;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
/** A whole-disk node name: no "..", no other directory, nothing to resolve. */
export const deviceNodeSchema = z.string().regex(/^\/dev\/(sd[a-z]{1,3}|nvme\d+n\d+|mmcblk\d+|vd[a-z]{1,3}|hd[a-z]|xvd[a-z]{1,3}|loop\d+)$/);
/** An absolute path without NUL, "." or ".." components. */
export const absolutePathSchema = z
  .string()
  .min(2)
  .max(4096)
  .refine((p) => p.startsWith('/') && !p.includes('\0') && !p.split('/').some((part) => part === '.' || part === '..'), 'absolute path without . or .. components');

/** What the technician confirmed; the helper re-reads all of it from the system before opening the device. */
export const driveIdentitySchema = z.object({
  device: deviceNodeSchema,
  size: z.number().int().positive(),
  serial: z.string().max(256).optional(),
  wwn: z.string().max(256).optional(),
  byId: absolutePathSchema.refine((p) => p.startsWith('/dev/disk/by-id/'), 'a /dev/disk/by-id/ link').optional(),
  loopBackingFile: absolutePathSchema.optional(),
});
export type DriveIdentity = z.infer<typeof driveIdentitySchema>;

export const writeRequestSchema = z.strictObject({
  type: z.literal('write'),
  identity: driveIdentitySchema,
  image: absolutePathSchema,
  imageSize: z.number().int().positive(),
  /**
   * The source image's published/cached sha256, if known: the stick is verified against it before its
   * boot area is written. Unknown: the helper hashes the image first.
   */
  expectedSha256: sha256Hex.optional(),
  /**
   * A self-installing stick written straight from the source ISO: these embed areas replace the
   * source's bytes on the way to the stick (shared/usb/image-patches.ts). The read-back checks them
   * byte for byte, and everything else against the source's sha256.
   */
  patches: wirePatchesSchema.optional(),
  /** Remove the drive from the system when done (false keeps it for inspection, e.g. in tests). */
  eject: z.boolean(),
});
export type WriteRequest = z.infer<typeof writeRequestSchema>;

/** Re-reads a stick written earlier and compares it with the image (no writing at all). */
export const verifyRequestSchema = writeRequestSchema
  .omit({ type: true, eject: true })
  .extend({ type: z.literal('verify') })
  .strict();
export type VerifyRequest = z.infer<typeof verifyRequestSchema>;

export const helperRequestSchema = z.discriminatedUnion('type', [writeRequestSchema, verifyRequestSchema, z.strictObject({ type: z.literal('cancel') })]);
export type HelperRequest = z.infer<typeof helperRequestSchema>;

export const writePhaseSchema = z.enum(['checking', 'unmounting', 'clearing', 'writing', 'syncing', 'verifying', 'bootArea', 'ejecting']);
export type WritePhase = z.infer<typeof writePhaseSchema>;

export const progressSchema = z.object({
  phase: z.enum(['write', 'verify']),
  bytes: z.number().nonnegative(),
  total: z.number().nonnegative(),
  speedBps: z.number().nonnegative(),
  etaS: z.number().nonnegative().nullable(),
});
export type WriteProgress = z.infer<typeof progressSchema>;

export const errorParamsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

export const writeResultSchema = z.object({
  bytes: z.number().int().nonnegative(),
  /** sha256 of the source image (the expected one, or the image hashed before writing) */
  sha256: sha256Hex,
  /** sha256 of the same length read back from the device after flushing its cache, the embed areas counted with the source's bytes */
  readBackSha256: sha256Hex,
  /** Embed areas written in place of the source's bytes and found on the stick byte for byte */
  areasChecked: z.number().int().nonnegative().optional(),
  /** whether the expected (artifact) sha256 was known and matched */
  matchedExpected: z.boolean(),
  ejected: z.boolean(),
  writeSeconds: z.number().nonnegative(),
  verifySeconds: z.number().nonnegative(),
});
export type WriteResult = z.infer<typeof writeResultSchema>;

export const helperMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), version: z.number().int(), pid: z.number().int() }),
  z.object({ type: z.literal('phase'), phase: writePhaseSchema }),
  z.object({ type: z.literal('progress'), progress: progressSchema }),
  z.object({ type: z.literal('done'), result: writeResultSchema }),
  /** The boot area (first MiB) was cleared and never rewritten: the stick will not boot. */
  z.object({ type: z.literal('cancelled'), bootAreaCleared: z.boolean() }),
  /** `code` is an AppError code in the `usb` namespace; `bootAreaCleared` as for cancel. */
  z.object({ type: z.literal('failed'), code: z.string(), params: errorParamsSchema, bootAreaCleared: z.boolean() }),
]);
export type HelperMessage = z.infer<typeof helperMessageSchema>;
