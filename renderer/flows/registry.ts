import type { ComponentType } from 'react';
import type { Job, JobKind } from '../../shared/api/domains/jobs';
import { ManualFlow } from './manual/ManualFlow';
import { AssistedFlow } from './assisted/AssistedFlow';
import { ConsoleFlow } from './console/ConsoleFlow';
import { NodeImageFlow } from './nodeimage/NodeImageFlow';

export interface FlowProps {
  job: Job;
}

/** The wizard for each kind of job; the job page shows the one matching job.kind. Flows register here. */
export const flows: Partial<Record<JobKind, ComponentType<FlowProps>>> = {
  manual: ManualFlow,
  assisted: AssistedFlow,
  console: ConsoleFlow,
  nodeimage: NodeImageFlow,
};
