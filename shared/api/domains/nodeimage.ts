import { z } from 'zod';
import { method, event } from '../define';
import { networkModelSchema } from '../../network/model';
import { rootDeviceChoiceSchema } from '../../nodeimage/root-device';
import { nodesConfigInputSchema } from '../../nodeimage/nodes-config';

/**
 * The node-image path (OpenShift 4.17+): nodes-config.yaml from the job's network model, the
 * cluster's own `oc` (found in its ConsoleCLIDownload objects, downloaded through the artifact
 * cache) running `oc adm node-image create` as a managed process, the ISO into the cache with its
 * 48-hour expiry, and a native monitor. State lives in job.data.nodeimage; files in
 * jobs/<id>/nodeimage/ (the --dir).
 */
const jobId = z.string().regex(/^[a-z0-9-]{6,64}$/);

const issueSchema = z.object({
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  path: z.string().optional(),
  severity: z.enum(['error', 'warning']).optional(),
});

export const ocVerdictSchema = z.enum(['match', 'older', 'newer', 'unknown']);

export const ocInfoSchema = z.object({
  path: z.string(),
  /** 'cluster': downloaded from the cluster's ConsoleCLIDownload; 'chosen': a binary the technician picked */
  source: z.enum(['cluster', 'chosen']),
  version: z.string().optional(),
  clusterVersion: z.string(),
  verdict: ocVerdictSchema,
  usable: z.boolean(),
  /** The cache entry (source 'cluster') */
  artifactId: z.string().optional(),
  sha256: z.string().optional(),
  href: z.string().optional(),
  checkedAt: z.string(),
});
export type OcInfo = z.infer<typeof ocInfoSchema>;

export const ocLinkSchema = z.object({ href: z.string(), text: z.string(), archive: z.enum(['tar', 'zip']), source: z.string() });

export const adviceSchema = z.object({ key: z.string(), params: z.record(z.string(), z.string()), detail: z.string() });
export type FailureAdviceWire = z.infer<typeof adviceSchema>;

export const runStatusSchema = z.object({
  runId: z.string(),
  state: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
  startedAt: z.string(),
  endedAt: z.string().optional(),
  phase: z.string(),
  /** 0..1, from the phases seen so far */
  fraction: z.number(),
  exitCode: z.number().nullable().optional(),
  advice: adviceSchema.optional(),
  /** Stage descriptions from report.json, when oc saved one */
  stages: z.array(z.object({ id: z.string(), description: z.string(), done: z.boolean() })).optional(),
  logFile: z.string(),
  /** The last lines of output (redacted) */
  tail: z.array(z.string()),
});
export type RunStatus = z.infer<typeof runStatusSchema>;

export const nodeIsoSchema = z.object({
  artifactId: z.string(),
  path: z.string(),
  name: z.string(),
  sha256: z.string(),
  size: z.number(),
  arch: z.string().optional(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type NodeIso = z.infer<typeof nodeIsoSchema>;

/** job.data.nodeimage */
export const nodeImageStateSchema = z.object({
  hostname: z.string().optional(),
  network: networkModelSchema.optional(),
  rootDevice: rootDeviceChoiceSchema.optional(),
  sshKey: z.string().optional(),
  cpuArchitecture: z.string().optional(),
  /** Path of a pull secret for `--registry-config` (the file is never copied; only needed without the installer-images ConfigMap) */
  pullSecretPath: z.string().optional(),
  oc: ocInfoSchema.optional(),
  config: z.object({ path: z.string(), sha256: z.string(), writtenAt: z.string() }).optional(),
  lastRun: runStatusSchema.omit({ tail: true }).optional(),
  iso: nodeIsoSchema.optional(),
});
export type NodeImageState = z.infer<typeof nodeImageStateSchema>;

export const previewSchema = z.object({
  yaml: z.string(),
  issues: z.array(issueSchema),
  commands: z.object({ create: z.string(), singleNode: z.string().optional(), monitor: z.string().optional() }),
  dir: z.string(),
});

export const monitorSchema = z.object({
  nodes: z.array(
    z.object({
      ip: z.string(),
      /** The node's own API (agent, port 8090) answers: it booted the ISO and runs its pre-flight checks */
      agentApi: z.enum(['up', 'down', 'unknown']),
      /** kubelet answers on 10250: the node installed, rebooted and started kubelet */
      kubelet: z.enum(['up', 'down', 'unknown']),
      nodeName: z.string().optional(),
      joined: z.boolean(),
      ready: z.boolean(),
      /** What `oc adm node-image monitor` prints for it */
      lines: z.array(z.string()),
    }),
  ),
  pendingCsrs: z.array(z.object({ name: z.string(), signerName: z.string(), username: z.string(), kind: z.enum(['first', 'second']) })),
  checkedAt: z.string(),
});
export type MonitorSnapshot = z.infer<typeof monitorSchema>;

export const nodeimageMethods = {
  'nodeimage.saveState': method(
    z.object({ jobId, patch: nodeImageStateSchema.pick({ hostname: true, network: true, rootDevice: true, sshKey: true, cpuArchitecture: true, pullSecretPath: true }) }),
    z.object({ revision: z.number().int() }),
  ),
  /** nodes-config.yaml for the input, checked against the installer's rules (and the cluster's nodes when connected) */
  'nodeimage.preview': method(z.object({ jobId, input: nodesConfigInputSchema }), previewSchema),
  /** Writes nodes-config.yaml into the job's --dir; refused while it has errors */
  'nodeimage.writeConfig': method(z.object({ jobId, input: nodesConfigInputSchema }), previewSchema.extend({ path: z.string(), sha256: z.string() })),
  /** The oc downloads the cluster offers and the one for this laptop */
  'nodeimage.findOc': method(
    z.object({ jobId }),
    z.object({ platform: z.string(), arch: z.string(), choice: ocLinkSchema.optional(), links: z.array(ocLinkSchema.omit({ archive: true, source: true })) }),
  ),
  /** Downloads that oc through the artifact cache (verified, resumable, kept offline), unpacks it and checks its version */
  'nodeimage.fetchOc': method(z.object({ jobId }), ocInfoSchema),
  /** Uses an oc the technician picked, after checking its version */
  'nodeimage.useOc': method(z.object({ jobId, path: z.string().min(1) }), ocInfoSchema),
  /** Starts `oc adm node-image create --dir <job>/nodeimage --kubeconfig <job kubeconfig>` */
  'nodeimage.create': method(z.object({ jobId }), runStatusSchema),
  'nodeimage.cancel': method(z.object({ jobId }), z.object({ cancelled: z.boolean() })),
  'nodeimage.status': method(z.object({ jobId }), runStatusSchema.nullable()),
  /** What `oc adm node-image monitor --ip-addresses …` would show, read natively */
  'nodeimage.monitor': method(z.object({ jobId, ips: z.array(z.string()).max(16).optional() }), monitorSchema),
};

export const nodeimageEvents = {
  'nodeimage.progress': event(runStatusSchema.extend({ jobId: z.string(), line: z.string().optional() })),
};
