import type { Job } from '../../../shared/api/domains/jobs';
import { step, type StepStates } from '../../components/wizard/step-status';
import { reachedIndex } from '../../components/wizard/use-wizard-nav';

export const stepIds = ['console', 'iso', 'install', 'join'] as const;
export type StepId = (typeof stepIds)[number];

export interface ConsoleData {
  isoPath?: string;
  hostName?: string;
}

export function consoleData(job: Job): ConsoleData {
  const raw = (job.data.console ?? {}) as Record<string, unknown>;
  return {
    ...(typeof raw.isoPath === 'string' ? { isoPath: raw.isoPath } : {}),
    ...(typeof raw.hostName === 'string' ? { hostName: raw.hostName } : {}),
  };
}

/**
 * The console path's steps happen outside the app (in the web console, on the machine), so the app
 * knows what the technician recorded: the ISO's path once downloaded, the steps gone on from, the
 * job marked done. Every step can be opened: the work is the technician's to order.
 */
export function consoleStepStates(job: Job): StepStates<StepId> {
  const data = consoleData(job);
  const reached = reachedIndex(job, stepIds);
  const finished = job.status === 'done';
  const passed = (s: StepId) => finished || reached > stepIds.indexOf(s);
  return {
    console: step(true, data.isoPath || passed('console') ? 'done' : 'inProgress'),
    iso: step(true, passed('iso') ? 'done' : data.isoPath ? 'inProgress' : 'notStarted'),
    install: step(true, passed('install') ? 'done' : reached >= stepIds.indexOf('install') ? 'inProgress' : 'notStarted'),
    join: step(true, finished ? 'done' : reached >= stepIds.indexOf('join') ? 'inProgress' : 'notStarted'),
  };
}
