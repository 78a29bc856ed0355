import { manualStateSchema, type ManualState } from '../../../shared/api/domains/manual';
import type { Job } from '../../../shared/api/domains/jobs';

export const stepIds = ['cluster', 'workerIgn', 'network', 'files', 'artifacts', 'usb', 'console', 'join'] as const;
export type StepId = (typeof stepIds)[number];

export const ARCHITECTURES = ['x86_64', 'aarch64', 'ppc64le', 's390x'] as const;

/** data.manual, tolerant of older or foreign shapes (an unreadable slice starts the wizard afresh). */
export function manualState(job: Job): ManualState {
  const parsed = manualStateSchema.safeParse(job.data.manual ?? {});
  return parsed.success ? parsed.data : {};
}

export interface ClusterFacts {
  version?: string;
  architecture?: string;
  kubeconfigPath?: string;
  context?: string;
  server?: string;
  /** true when data.cluster (the cluster connection) provided them */
  connected: boolean;
}

/** The cluster connection (data.cluster) wins; the wizard's own fields fill in when it is absent. */
export function clusterFacts(job: Job, state: ManualState): ClusterFacts {
  const c = (job.data.cluster ?? {}) as { version?: string; architecture?: string; kubeconfigPath?: string; context?: string; apiServerUrl?: string };
  // The technician's pick for the NEW node wins over the cluster's own architecture (mixed clusters exist).
  if (c.version) return { version: c.version, architecture: state.cluster?.architecture ?? c.architecture, kubeconfigPath: c.kubeconfigPath, context: c.context, server: c.apiServerUrl, connected: true };
  return { ...state.cluster, connected: false };
}

/** "4.16.3" -> [4, 16]; undefined when it is not a version. */
export function parseVersion(v: string | undefined): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)(\.\d+)?([-+].*)?$/.exec((v ?? '').trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

export function versionSupported(v: string | undefined): boolean {
  const p = parseVersion(v);
  return Boolean(p && (p[0] > 4 || (p[0] === 4 && p[1] >= 11)));
}

export function enabledSteps(job: Job, state: ManualState): Record<StepId, boolean> {
  const facts = clusterFacts(job, state);
  const clusterOk = versionSupported(facts.version) && Boolean(facts.architecture);
  const ign = clusterOk && Boolean(state.workerIgn);
  const net = ign && Boolean(state.hostname && state.network);
  const gen = net && Boolean(state.generated);
  return { cluster: true, workerIgn: clusterOk, network: ign, files: net, artifacts: gen, usb: gen, console: gen, join: gen };
}

export function initialStep(step: string, enabled: Record<StepId, boolean>): StepId {
  const wanted = (stepIds as readonly string[]).includes(step) ? (step as StepId) : 'cluster';
  if (enabled[wanted]) return wanted;
  return [...stepIds].reverse().find((s) => enabled[s]) ?? 'cluster';
}
