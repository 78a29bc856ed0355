import { z } from 'zod';
import { method, event } from '../define';
import { wireErrorSchema } from '../errors';
import { PRACTICE_STICK_DEVICE } from '../../usb/practice-stick';
import { selfInstallSpecSchema } from './iso';
import { absolutePathSchema, deviceNodeSchema, driveIdentitySchema, progressSchema, writePhaseSchema, writeResultSchema } from '../../usb/helper-protocol';

/** Writing ISOs to USB sticks (issue 7). The renderer never touches devices: it lists, confirms and watches. */
export const driveInfoSchema = z.object({
  device: z.string(),
  byId: z.string().optional(),
  byIdNames: z.array(z.string()),
  vendor: z.string().optional(),
  model: z.string().optional(),
  serial: z.string().optional(),
  wwn: z.string().optional(),
  size: z.number(),
  transport: z.string().optional(),
  removable: z.boolean(),
  readOnly: z.boolean(),
  labels: z.array(z.string()),
  mountpoints: z.array(z.string()),
  loopBackingFile: z.string().optional(),
  eligible: z.boolean(),
  problems: z.array(z.enum(['system', 'member', 'holdsImage', 'readOnly', 'notRemovable', 'virtual', 'empty', 'tooSmall'])),
  warnings: z.array(z.enum(['large', 'mounted'])),
});

export const usbImageSchema = z.object({
  path: z.string(),
  name: z.string(),
  size: z.number(),
  sha256: z.string().optional(),
  /** 'cache' = an artifact of the download cache; 'file' = a file the technician picked */
  source: z.enum(['cache', 'file']),
  kind: z.string().optional(),
  version: z.string().optional(),
  arch: z.string().optional(),
  /** A cached download with neither a known size nor a published checksum: written only after an explicit confirmation. */
  unverified: z.boolean().optional(),
});
export type UsbImage = z.infer<typeof usbImageSchema>;

export const writeStateSchema = z.enum(['starting', 'running', 'done', 'failed', 'cancelled']);
/** What goes into the embed areas of a self-installing stick (as iso.customize takes it). */
export const selfInstallWriteSchema = z.object({
  spec: selfInstallSpecSchema,
  /** Replace a configuration the source ISO already carries */
  force: z.boolean().default(false),
  allowMinimal: z.boolean().default(false),
  compression: z.enum(['xz', 'gzip']).default('xz'),
});
export type SelfInstallWrite = z.infer<typeof selfInstallWriteSchema>;
export type SelfInstallWriteInput = z.input<typeof selfInstallWriteSchema>;

export const writeStatusSchema = z.object({
  writeId: z.string(),
  device: z.string(),
  byId: z.string().optional(),
  driveName: z.string(),
  driveSize: z.number(),
  imagePath: z.string(),
  imageName: z.string(),
  imageSize: z.number(),
  jobId: z.string().optional(),
  state: writeStateSchema,
  phase: writePhaseSchema.optional(),
  progress: progressSchema.optional(),
  result: writeResultSchema.optional(),
  error: wireErrorSchema.optional(),
  /** Warnings the drive carried when the technician confirmed it (a large or mounted drive), kept for the site report */
  driveWarnings: z.array(z.enum(['large', 'mounted'])).optional(),
  /** A self-installing stick: the install target its configuration names */
  selfInstall: z.object({ destDevice: z.string() }).optional(),
  /** After a cancel or failure: the boot area was cleared and never rewritten, so the stick will not boot. */
  bootAreaCleared: z.boolean().optional(),
  cancelRequested: z.boolean(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
});
export type WriteStatus = z.infer<typeof writeStatusSchema>;

export const usbSupportSchema = z.object({
  supported: z.boolean(),
  platform: z.string(),
});

export const usbMethods = {
  'usb.support': method(z.void(), usbSupportSchema),
  /** Whole disks with their verdict; `imagePath` lets the guard refuse the disk holding the image and sticks that are too small. */
  'usb.listDrives': method(z.object({ imagePath: absolutePathSchema.optional() }), z.object({ drives: z.array(driveInfoSchema) })),
  /** ISOs from the download cache (when the cache exists). */
  'usb.listImages': method(z.void(), z.object({ images: z.array(usbImageSchema) })),
  /** Checks a file the technician picked: exists, regular file, not empty. */
  'usb.inspectImage': method(z.object({ path: absolutePathSchema }), usbImageSchema),
  /**
   * Starts one write. `identity` is exactly what the technician confirmed; the main process and
   * then the privileged helper re-check it, and a second write to the same drive is refused.
   */
  'usb.startWrite': method(
    z.object({
      imagePath: absolutePathSchema,
      expectedSha256: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .optional(),
      // practice mode's stick has its own name (shared/usb/practice-stick.ts), which the privileged helper refuses
      identity: driveIdentitySchema.extend({ device: z.union([deviceNodeSchema, z.literal(PRACTICE_STICK_DEVICE)]) }),
      jobId: z
        .string()
        .regex(/^[a-z0-9-]{6,64}$/)
        .optional(),
      /** Required (true) to write an unverified image: the technician confirmed it explicitly. */
      acceptUnverified: z.boolean().optional(),
      /**
       * A self-installing stick written straight from the source ISO (`imagePath`): the node's
       * configuration goes into the embed areas on the way, no customised copy is made.
       */
      selfInstall: selfInstallWriteSchema.optional(),
    }),
    writeStatusSchema,
  ),
  'usb.cancelWrite': method(z.object({ writeId: z.string() }), writeStatusSchema),
  /** Writes of this run (running and finished), newest first. */
  'usb.writes': method(z.void(), z.array(writeStatusSchema)),
};

export const usbEvents = {
  /** A stick was plugged in or pulled out: list again. */
  'usb.drivesChanged': event(z.object({ at: z.string() })),
  'usb.writeChanged': event(writeStatusSchema),
};
