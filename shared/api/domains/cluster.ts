import { z } from 'zod';
import { method, event } from '../define';

/**
 * Cluster access, pre-flight checks, the worker's two CSRs and the node turning Ready.
 * `job.data.cluster` (clusterDataSchema) is owned by this domain; other flows read it.
 */

const jobId = z.string().regex(/^[a-z0-9-]{6,64}$/);

export const clusterIdentitySchema = z.object({
  clusterId: z.string(),
  version: z.string(),
  apiServerUrl: z.string(),
  apiHost: z.string(),
  infrastructureName: z.string(),
  platform: z.string(),
  architecture: z.string().optional(),
});

export const nodeRowSchema = z.object({
  name: z.string(),
  status: z.enum(['Ready', 'NotReady', 'Unknown']),
  roles: z.array(z.string()),
  createdAt: z.string().optional(),
  version: z.string(),
  addresses: z.array(z.object({ type: z.string(), address: z.string() })),
});
export type NodeRow = z.infer<typeof nodeRowSchema>;

export const clusterSummarySchema = clusterIdentitySchema.extend({
  contextName: z.string(),
  server: z.string(),
  insecure: z.boolean(),
  versionSupported: z.boolean(),
  nodes: z.array(nodeRowSchema),
  /** Nodes that are workers only (not control plane) */
  workerCount: z.number().int(),
  /** Two or more workers besides the control plane already: Red Hat tests at most two on SNO */
  tooManyWorkers: z.boolean(),
});
export type ClusterSummary = z.infer<typeof clusterSummarySchema>;

export const expectedWorkerSchema = z.object({
  nodeName: z.string().trim().min(1).max(253),
  /** Planned IPs and/or machine-network CIDRs of the worker */
  addresses: z.array(z.string().trim().min(1)).max(16).default([]),
});
export type ExpectedWorker = z.infer<typeof expectedWorkerSchema>;

export const clusterDataSchema = z.object({
  source: z.enum(['kubeconfig', 'manual']),
  kubeconfigPath: z.string().optional(),
  context: z.string().optional(),
  insecure: z.boolean().optional(),
  clusterId: z.string(),
  apiServerUrl: z.string(),
  apiHost: z.string(),
  version: z.string(),
  architecture: z.string().optional(),
  platform: z.string().optional(),
  connectedAt: z.string(),
  worker: expectedWorkerSchema.extend({ since: z.string() }).optional(),
  autoApprove: z.object({ enabled: z.boolean(), startedAt: z.string().optional(), stoppedAt: z.string().optional(), stopReason: z.string().optional() }).optional(),
  approvals: z.array(z.object({ name: z.string(), kind: z.enum(['client', 'serving']), at: z.string(), by: z.string() })).optional(),
  join: z.object({ nodeReadyAt: z.string().optional(), servingApprovedAt: z.string().optional(), completedAt: z.string().optional() }).optional(),
});
export type ClusterData = z.infer<typeof clusterDataSchema>;

export const csrCheckSchema = z.object({
  id: z.string(),
  outcome: z.enum(['ok', 'fail', 'warn']),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export const csrRowSchema = z.object({
  name: z.string(),
  createdAt: z.string().optional(),
  signerName: z.string(),
  requestor: z.string(),
  groups: z.array(z.string()),
  usages: z.array(z.string()),
  condition: z.string(),
  kind: z.enum(['client', 'serving', 'other']),
  request: z.union([
    z.object({
      ok: z.literal(true),
      subject: z.string(),
      commonName: z.string().optional(),
      organizations: z.array(z.string()),
      dnsNames: z.array(z.string()),
      ipAddresses: z.array(z.string()),
      emails: z.array(z.string()),
      uris: z.array(z.string()),
      key: z.string(),
      signatureValid: z.boolean(),
    }),
    z.object({ ok: z.literal(false), reason: z.string() }),
  ]),
  verdict: z.enum(['approve', 'reject', 'ignore', 'wait', 'done']),
  nodeName: z.string().optional(),
  checks: z.array(csrCheckSchema),
  decidedBy: csrCheckSchema.optional(),
  /** An older qualifying CSR of the same kind: only the newest is approved */
  superseded: z.boolean(),
  /** Pending for more than ~50 minutes: the kubelet will give up and send new ones */
  waitingLong: z.boolean(),
});
export type CsrRow = z.infer<typeof csrRowSchema>;

export const csrListSchema = z.object({
  expected: expectedWorkerSchema.optional(),
  rows: z.array(csrRowSchema),
  /** Names to approve now, in order (client first) */
  plan: z.array(z.string()),
  node: nodeRowSchema.optional(),
});

export const approvalResultSchema = z.object({
  name: z.string(),
  ok: z.boolean(),
  /** i18n-coded error when it was not approved */
  error: z.object({ code: z.string(), message: z.string(), params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional() }).optional(),
});

export const autoApproveStateSchema = z.object({
  jobId: z.string(),
  running: z.boolean(),
  startedAt: z.string().optional(),
  stoppedAt: z.string().optional(),
  /** 'complete' | 'timeout' | 'stopped' | 'guard' | 'error' */
  stopReason: z.string().optional(),
  approved: z.array(z.string()),
  /** Last connection problem while watching (reconnects automatically) */
  lastError: z.string().optional(),
  /** A CSR for this worker has been pending close to an hour */
  warnings: z.array(z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) })),
});
export type AutoApproveState = z.infer<typeof autoApproveStateSchema>;

export const joinStatusSchema = z.object({
  nodeName: z.string().optional(),
  clientApproved: z.boolean(),
  nodeRegistered: z.boolean(),
  servingApproved: z.boolean(),
  servingIssued: z.boolean(),
  nodeReady: z.boolean(),
  /** Ready AND the serving certificate approved: the job's cluster part is complete */
  complete: z.boolean(),
  node: nodeRowSchema.optional(),
});
export type JoinStatus = z.infer<typeof joinStatusSchema>;

/** The job's CSRs and join progress from one evaluation: what csr.list returns and csr.changed carries. */
export const csrStateSchema = csrListSchema.extend({ join: joinStatusSchema });
export type CsrState = z.infer<typeof csrStateSchema>;

export const preflightCheckSchema = z.object({
  id: z.string(),
  group: z.enum(['dns', 'tcp', 'clock', 'resources', 'cluster']),
  status: z.enum(['pass', 'warn', 'fail', 'skipped', 'offline']),
  /** i18n key under cluster.preflight.results and its params */
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  /** What it means for the install and how to fix it (i18n key) */
  fixKey: z.string().optional(),
});
export type PreflightCheck = z.infer<typeof preflightCheckSchema>;

export const resourcesInputSchema = z.object({
  threadsPerCore: z.number().int().min(1).max(8),
  coresPerSocket: z.number().int().min(1).max(512),
  sockets: z.number().int().min(1).max(16),
  memoryGiB: z.number().min(0).max(65536),
  diskGB: z.number().min(0).max(1_000_000),
});

export const preflightInputSchema = z.object({
  jobId,
  /** cluster name + base domain; derived from the API host when omitted */
  clusterDomain: z.string().optional(),
  workerIp: z.string().optional(),
  resources: resourcesInputSchema.optional(),
});

/** The versions practice mode's cluster can report, one each side of the version gates */
export const practiceClusterVersionSchema = z.enum(['4.14', '4.16', '4.18']);
export type PracticeClusterVersion = z.infer<typeof practiceClusterVersionSchema>;

export const clusterMethods = {
  'cluster.contexts': method(
    z.object({ kubeconfigPath: z.string().optional() }),
    z.object({ source: z.string(), current: z.string(), contexts: z.array(z.object({ name: z.string(), cluster: z.string(), user: z.string(), server: z.string(), insecure: z.boolean() })) }),
  ),
  /** Loads the kubeconfig, reads the cluster identity and (with jobId) saves job.data.cluster */
  'cluster.connect': method(
    z.object({ jobId: jobId.optional(), kubeconfigPath: z.string().optional(), context: z.string().optional(), insecureSkipTlsVerify: z.boolean().optional() }),
    clusterSummarySchema,
  ),
  /** Practice mode only: the practice cluster reports this version, then the job connects to it with the practice kubeconfig */
  'cluster.usePractice': method(z.object({ jobId, version: practiceClusterVersionSchema }), clusterSummarySchema),
  /** Without a kubeconfig: cluster id, API host and version typed by the technician */
  'cluster.saveManual': method(
    z.object({
      jobId,
      clusterId: z.string().trim().uuid(),
      apiHost: z.string().trim().min(1),
      version: z
        .string()
        .trim()
        .regex(/^4\.\d+(\.\d+)?/),
    }),
    clusterDataSchema,
  ),
  'cluster.summary': method(z.object({ jobId }), clusterSummarySchema),
  'cluster.setWorker': method(z.object({ jobId, worker: expectedWorkerSchema }), clusterDataSchema),
  'cluster.preflight': method(preflightInputSchema, z.object({ checks: z.array(preflightCheckSchema), online: z.boolean(), ranAt: z.string() })),
  'cluster.joinStatus': method(z.object({ jobId }), joinStatusSchema),
  /** Watches the worker's node (and its serving CSR) and completes the job when both hold */
  'cluster.watchJoin': method(z.object({ jobId, enabled: z.boolean() }), z.object({ watching: z.boolean() })),
  'csr.list': method(z.object({ jobId }), csrStateSchema),
  'csr.approve': method(z.object({ jobId, names: z.array(z.string().min(1)).min(1).max(10) }), z.array(approvalResultSchema)),
  /** Approves every CSR that passes for this job's worker: client first, then serving */
  'csr.approveAllValid': method(z.object({ jobId }), z.array(approvalResultSchema)),
  'csr.autoApprove': method(z.object({ jobId, enabled: z.boolean() }), autoApproveStateSchema),
  'csr.autoApproveState': method(z.object({ jobId }), autoApproveStateSchema),
};

export const clusterEvents = {
  /**
   * Something about the job's CSRs or node changed. With `state`, the backend has evaluated the
   * change already (an approval, a watch event): use it as the new csr.list result. Without it
   * (the expected worker was set), read csr.list again.
   */
  'csr.changed': event(z.object({ jobId: z.string(), state: csrStateSchema.optional() })),
  'csr.autoApprove': event(autoApproveStateSchema),
  'cluster.joinStatus': event(joinStatusSchema.extend({ jobId: z.string() })),
};
