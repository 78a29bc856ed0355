import { z } from 'zod';
import { method, event } from '../define';
import { networkModelSchema } from '../../network/model';

/**
 * The manual worker flow: the cluster's worker.ign, a per-node Ignition config, network settings
 * in every format the console or an ISO needs, and the laptop as the Ignition server. State lives
 * in job.data.manual (schema below); generated files live in the job folder.
 */
const jobId = z.string().regex(/^[a-z0-9-]{6,64}$/);

export const workerIgnInfoSchema = z.object({
  source: z.enum(['cluster', 'file']),
  /** secret name or file path it came from */
  origin: z.string(),
  version: z.string(),
  mergeSources: z.array(z.string()),
  mergeHost: z.string().optional(),
  caCount: z.number().int(),
  /** Subject and validity of the machine-config-server CA when it could be read */
  ca: z.array(z.object({ subject: z.string(), notAfter: z.string(), sha256: z.string() })),
  sha512: z.string(),
  size: z.number().int(),
  loadedAt: z.string(),
});
export type WorkerIgnInfo = z.infer<typeof workerIgnInfoSchema>;

export const serverChoiceSchema = z.object({ host: z.string().min(1), port: z.number().int().min(1).max(65535) });

export const generateInputSchema = z.object({
  hostname: z.string(),
  network: networkModelSchema,
  /** served: the per-node config merges http://<server>/worker.ign with its sha512; inline: worker.ign embedded as a data URL */
  delivery: z.enum(['served', 'inline']),
  server: serverChoiceSchema,
  installDevice: z.string(),
  appendKargs: z.array(z.string()).default([]),
  nmcliStyle: z.enum(['add', 'modify']).default('add'),
  /** NMStateConfig for clusters with Assisted Service / MCE (optional, off by default) */
  nmStateConfig: z.object({ namespace: z.string(), labels: z.record(z.string(), z.string()) }).optional(),
});
export type GenerateInput = z.infer<typeof generateInputSchema>;

export const generatedFileSchema = z.object({
  name: z.string(),
  /** What the file is for, an i18n key under manual.files */
  purpose: z.string(),
  size: z.number().int(),
  sha512: z.string(),
  /** Served by the Ignition server */
  served: z.boolean(),
  content: z.string(),
});
export type GeneratedFile = z.infer<typeof generatedFileSchema>;

export const generatedSchema = z.object({
  files: z.array(generatedFileSchema),
  folder: z.string(),
  nodeIgnitionUrl: z.string(),
  nodeIgnitionSha512: z.string(),
  commands: z.object({ nmcli: z.string(), install: z.string(), listDisks: z.string(), verify: z.string() }),
  generatedAt: z.string(),
});
export type Generated = z.infer<typeof generatedSchema>;

export const accessEntrySchema = z.object({
  at: z.string(),
  remote: z.string(),
  method: z.string(),
  path: z.string(),
  status: z.number().int(),
  file: z.string().optional(),
  bytes: z.number().int(),
});
export type ServerAccess = z.infer<typeof accessEntrySchema>;

export const serverStatusSchema = z.object({
  running: z.boolean(),
  host: z.string().optional(),
  port: z.number().int().optional(),
  urls: z.array(z.object({ name: z.string(), url: z.string(), sha512: z.string(), size: z.number().int() })),
  log: z.array(accessEntrySchema),
});
export type ServerStatus = z.infer<typeof serverStatusSchema>;

export const localAddressSchema = z.object({
  interface: z.string(),
  address: z.string(),
  family: z.union([z.literal(4), z.literal(6)]),
  internal: z.boolean(),
  cidr: z.string().optional(),
});

/** job.data.manual: everything the wizard needs to resume where the technician left off. */
export const manualStateSchema = z.object({
  step: z.string().optional(),
  /** Filled by hand when the cluster connection component is unavailable; data.cluster wins when present */
  cluster: z.object({ kubeconfigPath: z.string().optional(), context: z.string().optional(), version: z.string().optional(), architecture: z.string().optional() }).optional(),
  workerIgn: workerIgnInfoSchema.optional(),
  hostname: z.string().optional(),
  network: networkModelSchema.optional(),
  delivery: z.enum(['served', 'inline']).optional(),
  server: serverChoiceSchema.optional(),
  installDevice: z.string().optional(),
  appendKargs: z.array(z.string()).optional(),
  nmcliStyle: z.enum(['add', 'modify']).optional(),
  generated: z.object({ files: z.array(generatedFileSchema.omit({ content: true })), nodeIgnitionUrl: z.string(), generatedAt: z.string() }).optional(),
});
export type ManualState = z.infer<typeof manualStateSchema>;

export const manualMethods = {
  /** The laptop's addresses to pick the Ignition server's address from */
  'manual.localAddresses': method(z.void(), z.array(localAddressSchema)),
  /** Reads worker.ign from the job's cluster (secret openshift-machine-api/worker-user-data-managed) or a file; refuses spec 2.x */
  'manual.loadWorkerIgn': method(
    z.object({ jobId, from: z.enum(['cluster', 'file']), path: z.string().optional(), kubeconfigPath: z.string().optional(), context: z.string().optional() }),
    workerIgnInfoSchema,
  ),
  /** Saves wizard inputs into job.data.manual (shallow merge) */
  'manual.saveState': method(z.object({ jobId, patch: manualStateSchema, step: z.string().optional() }), z.object({ revision: z.number().int() })),
  /** Builds and saves every file (per-node Ignition, keyfiles, scripts) in the job folder */
  'manual.generate': method(z.object({ jobId, input: generateInputSchema }), generatedSchema),
  /** The files generated last time, for preview after a restart */
  'manual.generated': method(z.object({ jobId }), generatedSchema.nullable()),
  /** Copies the generated files to a folder the technician picks */
  'manual.exportFiles': method(z.object({ jobId, folder: z.string().min(1) }), z.object({ written: z.array(z.string()) })),
  'manual.serverStart': method(z.object({ jobId }), serverStatusSchema),
  'manual.serverStop': method(z.object({ jobId }), serverStatusSchema),
  'manual.serverStatus': method(z.object({ jobId }), serverStatusSchema),
};

export const manualEvents = {
  /** One request to the Ignition server ("10.1.101.50 fetched new-worker.ign") */
  'manual.serverAccess': event(accessEntrySchema.extend({ jobId: z.string() })),
  'manual.serverStopped': event(z.object({ jobId: z.string(), reason: z.enum(['requested', 'jobEnded', 'shutdown']) })),
};
