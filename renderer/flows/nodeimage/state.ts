import { nodeImageStateSchema, type NodeImageState } from '../../../shared/api/domains/nodeimage';
import { clusterDataSchema, type ClusterData } from '../../../shared/api/domains/cluster';
import type { Job } from '../../../shared/api/domains/jobs';
import { platformSupportsNodeImage, supportsNodeImage } from '../../../shared/nodeimage/paths';

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
