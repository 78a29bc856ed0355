import type { HandlerGroup } from '../handler-types';
import type { Services } from '../../app/composition';

type HandoffMethods = 'handoff.report' | 'handoff.capabilities' | 'handoff.savePdf' | 'handoff.fleetDefaults' | 'handoff.exportFleet' | 'handoff.openFolder';

export function handoffHandlers(s: Services): HandlerGroup<HandoffMethods> {
  return {
    'handoff.report': ({ jobId, lang }) => s.handoff.report(jobId, lang),
    'handoff.capabilities': () => s.handoff.capabilities(),
    'handoff.savePdf': ({ jobId, lang }) => s.handoff.savePdf(jobId, lang),
    'handoff.fleetDefaults': ({ jobId }) => s.handoff.fleetDefaults(jobId),
    'handoff.exportFleet': ({ jobId, lang, options }) => s.handoff.exportFleet(jobId, lang, options),
    'handoff.openFolder': ({ jobId, what }) => s.handoff.openFolder(jobId, what),
  };
}
