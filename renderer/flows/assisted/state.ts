import type { Job } from '../../../shared/api/domains/jobs';
import type { AssistedState } from '../../../shared/api/domains/assisted';
import { hostPhase } from '../../../shared/assisted/status';
import { step, type StepStates } from '../../components/wizard/step-status';

export const stepIds = ['cluster', 'iso', 'download', 'hosts', 'install', 'finish'] as const;
export type StepId = (typeof stepIds)[number];

/** Which steps are open: each one needs what the previous ones produced. */
export function enabledSteps(state: AssistedState): Record<StepId, boolean> {
  const d = state.data;
  const phases = Object.values(d.hosts).map((h) => hostPhase(h.status));
  return {
    cluster: true,
    iso: Boolean(d.clusterId),
    download: Boolean(d.infraEnv),
    hosts: Boolean(d.infraEnv),
    install: Object.keys(d.hosts).length > 0,
    finish: phases.some((p) => p === 'rebooted' || p === 'needsTechnician' || p === 'failed'),
  };
}

/**
 * The step list's states from the saved job: the selected host's status drives Host discovery,
 * Installation and Finish (a failed or blocked host needs attention there), the earlier steps are
 * done when the job holds the cluster, the infra-env and the downloaded ISO.
 */
export function assistedStepStates(job: Job, state: AssistedState): StepStates<StepId> {
  const d = state.data;
  const enabled = enabledSteps(state);
  const selected = d.selectedHostId ? d.hosts[d.selectedHostId] : undefined;
  const phase = selected ? hostPhase(selected.status) : undefined;
  const anyBlocked = Object.values(d.hosts).some((h) => hostPhase(h.status) === 'blocked');
  const installed = phase === 'rebooted';
  const trouble = phase === 'failed' || phase === 'needsTechnician';
  return {
    cluster: step(true, d.clusterId ? 'done' : d.cluster ? 'inProgress' : 'notStarted'),
    iso: step(enabled.iso, d.infraEnv ? 'done' : 'notStarted'),
    download: step(enabled.download, d.iso ? 'done' : 'notStarted'),
    hosts: step(enabled.hosts, selected ? 'done' : anyBlocked ? 'attention' : Object.keys(d.hosts).length > 0 ? 'inProgress' : 'notStarted'),
    install: step(enabled.install, installed ? 'done' : trouble ? 'attention' : phase === 'installing' ? 'inProgress' : 'notStarted'),
    finish: step(enabled.finish, job.status === 'done' ? 'done' : trouble ? 'attention' : 'inProgress'),
  };
}
