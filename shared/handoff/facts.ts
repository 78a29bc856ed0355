import type { AuditEntry, Job } from '../api/domains/jobs';
import { clusterDataSchema } from '../api/domains/cluster';
import { assistedDataSchema } from '../api/domains/assisted';
import type { NetworkModel } from '../network/model';
import { nodeFacts, pathFacts, networkModelOf, type ReportNode, type ReportPath } from './facts-node';
import { artifactFacts, csrFacts, nodeReadyFact, overrideFacts, preflightFact, usbFacts } from './facts-records';
import type { ReportArtifact, ReportCsr, ReportNodeReady, ReportOverride, ReportPreflight, ReportUsbWrite } from './facts-records';

export type { ReportNode, ReportPath } from './facts-node';
export type { ReportArtifact, ReportCsr, ReportNodeReady, ReportOverride, ReportPreflight, ReportUsbWrite } from './facts-records';

export interface ReportCluster {
  clusterId: string;
  version: string;
  apiServerUrl: string;
  apiHost: string;
  platform?: string;
  architecture?: string;
  source: 'kubeconfig' | 'manual';
}

/**
 * What a job did, read from its saved state and its audit log: the one input of the site report and
 * the fleet export. Only named, known fields are taken (never a whole `data` object), so nothing a
 * flow might add later reaches a customer document by accident.
 */
export interface JobFacts {
  job: Pick<Job, 'id' | 'title' | 'kind' | 'status' | 'createdAt' | 'updatedAt'>;
  finished: boolean;
  cluster?: ReportCluster;
  node: ReportNode;
  path: ReportPath;
  artifacts: ReportArtifact[];
  usbWrites: ReportUsbWrite[];
  /** The last pre-flight run (the one the technician went on with) */
  preflight?: ReportPreflight;
  csrs: ReportCsr[];
  nodeReady?: ReportNodeReady;
  overrides: ReportOverride[];
  /** Every audit entry, oldest first */
  timeline: AuditEntry[];
  /** The node's network as the job planned it, when the job recorded one */
  network?: NetworkModel;
  /** Discovery settings the Assisted flow used (for the fleet export's InfraEnv) */
  discovery?: ReportDiscovery;
}

export interface ReportDiscovery {
  sshPublicKey?: string;
  ntpSources: string[];
  proxy?: { httpProxy?: string; httpsProxy?: string; noProxy?: string };
}

export function collectJobFacts(job: Job, audit: readonly AuditEntry[]): JobFacts {
  const timeline = [...audit].sort((a, b) => a.at.localeCompare(b.at));
  const cluster = clusterOf(job);
  const network = networkModelOf(job, timeline);
  const nodeReady = nodeReadyFact(job, timeline);
  const preflight = preflightFact(timeline);
  return {
    job: { id: job.id, title: job.title, kind: job.kind, status: job.status, createdAt: job.createdAt, updatedAt: job.updatedAt },
    finished: job.status === 'done',
    ...(cluster ? { cluster } : {}),
    node: nodeFacts(job, timeline, network),
    path: pathFacts(job, timeline),
    artifacts: artifactFacts(job, timeline),
    usbWrites: usbFacts(timeline),
    ...(preflight ? { preflight } : {}),
    csrs: csrFacts(timeline),
    ...(nodeReady ? { nodeReady } : {}),
    overrides: overrideFacts(job, timeline, preflight, nodeReady),
    timeline,
    ...(network ? { network } : {}),
    ...discoveryOf(job),
  };
}

function discoveryOf(job: Job): { discovery?: ReportDiscovery } {
  const parsed = assistedDataSchema.safeParse(job.data.assisted ?? {});
  const e = parsed.success ? parsed.data.infraEnv : undefined;
  if (!e) return {};
  const proxy = { ...(e.httpProxy ? { httpProxy: e.httpProxy } : {}), ...(e.httpsProxy ? { httpsProxy: e.httpsProxy } : {}), ...(e.noProxy ? { noProxy: e.noProxy } : {}) };
  return {
    discovery: {
      ...(e.sshPublicKey ? { sshPublicKey: e.sshPublicKey } : {}),
      ntpSources: (e.ntpSources ?? '').split(',').filter(Boolean),
      ...(e.httpProxy || e.httpsProxy ? { proxy } : {}),
    },
  };
}

/** The cluster connection, or else the cluster the Assisted flow was told about (it keeps its own copy). */
function clusterOf(job: Job): ReportCluster | undefined {
  const parsed = clusterDataSchema.safeParse(job.data.cluster);
  if (!parsed.success) {
    const assisted = assistedDataSchema.safeParse(job.data.assisted ?? {});
    const a = assisted.success ? assisted.data.cluster : undefined;
    return a ? { clusterId: a.openshiftClusterId, version: a.version, apiServerUrl: `https://${a.apiHost}:6443`, apiHost: a.apiHost, source: a.source } : undefined;
  }
  const c = parsed.data;
  return {
    clusterId: c.clusterId,
    version: c.version,
    apiServerUrl: c.apiServerUrl,
    apiHost: c.apiHost,
    ...(c.platform ? { platform: c.platform } : {}),
    ...(c.architecture ? { architecture: c.architecture } : {}),
    source: c.source,
  };
}
