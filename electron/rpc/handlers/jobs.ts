import type { HandlerGroup } from '../handler-types';
import type { Services } from '../../app/composition';

type JobMethods = 'jobs.list' | 'jobs.damaged' | 'jobs.restore' | 'jobs.get' | 'jobs.create' | 'jobs.update' | 'jobs.remove' | 'jobs.audit' | 'jobs.appendAudit';

export function jobsHandlers(s: Services): HandlerGroup<JobMethods> {
  return {
    'jobs.list': () => s.jobs.list(),
    'jobs.damaged': () => s.jobs.damaged(),
    'jobs.restore': ({ id }) => s.jobs.restore(id),
    'jobs.get': ({ id }) => s.jobs.get(id),
    'jobs.create': ({ kind, title }) => s.jobs.create(kind, title),
    'jobs.update': ({ id, ...patch }) => s.jobs.update(id, patch),
    'jobs.remove': async ({ id }) => ({ removed: await s.jobs.remove(id) }),
    'jobs.audit': ({ id }) => s.jobs.audit(id),
    'jobs.appendAudit': ({ id, entry }) => s.jobs.appendAudit(id, entry),
  };
}
