import { manualStateSchema, type ManualState } from '../../../shared/api/domains/manual';
import type { Job } from '../../../shared/api/domains/jobs';
import { validateHostname } from '../../../shared/hostname';
import { validateNetwork } from '../../../shared/network/model';
import { blocking } from '../../../shared/network/issue';
import { step, type StepStates } from '../../components/wizard/step-status';
import { reachedIndex } from '../../components/wizard/use-wizard-nav';

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
  if (c.version)
    return { version: c.version, architecture: state.cluster?.architecture ?? c.architecture, kubeconfigPath: c.kubeconfigPath, context: c.context, server: c.apiServerUrl, connected: true };
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
  const net = ign && networkValid(state);
  const gen = net && Boolean(state.generated);
  return { cluster: true, workerIgn: clusterOk, network: ign, files: net, artifacts: gen, usb: gen, console: gen, join: gen };
}

export function initialStep(step: string, enabled: Record<StepId, boolean>): StepId {
  const wanted = (stepIds as readonly string[]).includes(step) ? (step as StepId) : 'cluster';
  if (enabled[wanted]) return wanted;
  return [...stepIds].reverse().find((s) => enabled[s]) ?? 'cluster';
}

/** Host name and network are saved as typed; the step is done only when what is saved validates. */
export function networkValid(state: ManualState): boolean {
  if (!state.hostname || !state.network) return false;
  return blocking([...validateHostname(state.hostname), ...validateNetwork(state.network)]).length === 0;
}

/**
 * The step list's states from the job alone: done when the job holds what the step produces,
 * in progress when something is there but not yet enough, needs attention when the cluster is
 * too old. Steps that only instruct (ISO, USB, console) are done once the technician went on.
 */
export function manualStepStates(job: Job, state: ManualState): StepStates<StepId> {
  const enabled = enabledSteps(job, state);
  const facts = clusterFacts(job, state);
  const reached = reachedIndex(job, stepIds);
  const passed = (s: StepId) => job.status === 'done' || reached > stepIds.indexOf(s);
  const visited = (s: StepId) => reached >= stepIds.indexOf(s);
  const typed = Boolean(state.hostname || state.network);
  return {
    cluster: step(true, facts.connected && !versionSupported(facts.version) ? 'attention' : enabled.workerIgn ? 'done' : facts.connected ? 'inProgress' : 'notStarted'),
    workerIgn: step(enabled.workerIgn, state.workerIgn ? 'done' : 'notStarted'),
    network: step(enabled.network, enabled.files ? 'done' : typed ? 'inProgress' : 'notStarted'),
    files: step(enabled.files, state.generated ? 'done' : 'notStarted'),
    artifacts: step(enabled.artifacts, passed('artifacts') ? 'done' : visited('artifacts') ? 'inProgress' : 'notStarted'),
    usb: step(enabled.usb, passed('usb') ? 'done' : visited('usb') ? 'inProgress' : 'notStarted'),
    console: step(enabled.console, passed('console') ? 'done' : visited('console') ? 'inProgress' : 'notStarted'),
    join: step(enabled.join, job.status === 'done' ? 'done' : visited('join') ? 'inProgress' : 'notStarted'),
  };
}
