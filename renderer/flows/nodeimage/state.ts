import { nodeImageStateSchema, type NodeImageState } from '../../../shared/api/domains/nodeimage';
import { clusterDataSchema, type ClusterData } from '../../../shared/api/domains/cluster';
import type { Job } from '../../../shared/api/domains/jobs';
import { platformSupportsNodeImage, supportsNodeImage } from '../../../shared/nodeimage/paths';
import { step, type StepStates } from '../../components/wizard/step-status';

export const stepIds = ['cluster', 'host', 'oc', 'create', 'iso', 'join'] as const;
export type StepId = (typeof stepIds)[number];

/** data.nodeimage, tolerant of older shapes (an unreadable slice starts the wizard afresh). */
export function nodeImageState(job: Job): NodeImageState {
  const parsed = nodeImageStateSchema.safeParse(job.data.nodeimage ?? {});
  return parsed.success ? parsed.data : {};
}

export function clusterOf(job: Job): ClusterData | undefined {
  const parsed = clusterDataSchema.safeParse(job.data.cluster);
  return parsed.success ? parsed.data : undefined;
}

/** The cluster can take this path: a kubeconfig connection, 4.17 or newer, a supported platform. */
export function clusterReady(cluster: ClusterData | undefined): boolean {
  return Boolean(cluster && cluster.source === 'kubeconfig' && supportsNodeImage(cluster.version) && platformSupportsNodeImage(cluster.platform));
}

/** Each step opens once the one before it has what it needs; the last run's ISO opens the rest. */
export function enabledSteps(job: Job, state: NodeImageState): Record<StepId, boolean> {
  const cluster = clusterReady(clusterOf(job));
  const host = cluster && Boolean(state.config);
  const oc = host && Boolean(state.oc?.usable);
  const iso = oc && Boolean(state.iso);
  return { cluster: true, host: cluster, oc: host, create: oc, iso, join: iso };
}

export function initialStep(step: string, enabled: Record<StepId, boolean>): StepId {
  const wanted = (stepIds as readonly string[]).includes(step) ? (step as StepId) : 'cluster';
  if (enabled[wanted]) return wanted;
  return [...stepIds].reverse().find((s) => enabled[s]) ?? 'cluster';
}

/** The step list's states from the job: a failed run or an unusable oc needs attention; a written config, a usable oc, an ISO are done. */
export function nodeImageStepStates(job: Job, state: NodeImageState): StepStates<StepId> {
  const enabled = enabledSteps(job, state);
  const cluster = clusterOf(job);
  const run = state.lastRun?.state;
  return {
    cluster: step(true, enabled.host ? 'done' : cluster ? 'attention' : 'notStarted'),
    host: step(enabled.host, state.config ? 'done' : state.hostname || state.network ? 'inProgress' : 'notStarted'),
    oc: step(enabled.oc, state.oc?.usable ? 'done' : state.oc ? 'attention' : 'notStarted'),
    create: step(enabled.create, state.iso ? 'done' : run === 'failed' ? 'attention' : run === 'running' ? 'inProgress' : 'notStarted'),
    iso: step(enabled.iso, 'inProgress'),
    join: step(enabled.join, job.status === 'done' ? 'done' : 'notStarted'),
  };
}
