/**
 * What the step list says about a step. Each flow computes these from its job state with a pure
 * function (flows/<kind>/state.ts), so the list tells the truth after a reload: a step is only
 * "done" when the job holds what the step produces, and "needs attention" when something there
 * failed or must be redone, never because the technician happened to click past it.
 */
export type StepStatus = 'notStarted' | 'inProgress' | 'done' | 'attention';

export interface StepState {
  status: StepStatus;
  /** The step can be opened (what it needs from the earlier steps is there) */
  enabled: boolean;
}

export type StepStates<Id extends string> = Record<Id, StepState>;

/** PatternFly's nav item status for a step state (the icon next to the step's name). */
export function navStatus(status: StepStatus): 'default' | 'success' | 'warning' {
  if (status === 'done') return 'success';
  if (status === 'attention') return 'warning';
  return 'default';
}

/** The step to open: the saved one while it can be opened, else the first not done, else the last open one. */
export function openingStep<Id extends string>(ids: readonly Id[], states: StepStates<Id>, saved: string): Id {
  if ((ids as readonly string[]).includes(saved) && states[saved as Id].enabled) return saved as Id;
  const pending = ids.find((s) => states[s].enabled && states[s].status !== 'done');
  return pending ?? [...ids].reverse().find((s) => states[s].enabled) ?? ids[0]!;
}

/** Builds a state record: `enabled` from a gate, `status` from facts (small helper for the flows). */
export const step = (enabled: boolean, status: StepStatus): StepState => ({ enabled, status: enabled ? status : 'notStarted' });
