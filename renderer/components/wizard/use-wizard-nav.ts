import { useState } from 'react';
import type { Job } from '../../../shared/api/domains/jobs';
import { useContractMutation } from '../../api/query';
import { openingStep, type StepStates } from './step-status';

/** The furthest step the technician has gone on from (job.data.wizard.reached): steps that are only instructions count as done once passed. */
export function reachedIndex(job: Job, ids: readonly string[]): number {
  const reached = (job.data.wizard as { reached?: unknown } | undefined)?.reached;
  return typeof reached === 'string' ? ids.indexOf(reached) : -1;
}

/**
 * Which step is open, and moving between steps: the step is saved with the job (a reload opens it
 * again) together with the furthest step reached. Opening a job does not save anything.
 */
export function useWizardNav<Id extends string>(job: Job, ids: readonly Id[], states: StepStates<Id>) {
  // The step opened with the job; a step becoming done does not move the technician on by itself.
  const [opened] = useState(() => openingStep(ids, states, job.step));
  const [chosen, setChosen] = useState<Id>(opened);
  const save = useContractMutation('jobs.update');
  const current = states[chosen].enabled ? chosen : openingStep(ids, states, job.step);
  const go = (s: Id) => {
    setChosen(s);
    const furthest = Math.max(reachedIndex(job, ids), ids.indexOf(s));
    save.mutate({ id: job.id, step: s, data: { wizard: { reached: ids[furthest] } } });
  };
  return { current, go, saveError: save.error };
}
