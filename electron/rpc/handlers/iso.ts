import type { HandlerGroup } from '../handler-types';
import type { Services } from '../../app/composition';

type IsoMethods = 'iso.inspect' | 'iso.customize' | 'iso.remove' | 'iso.outputChecksum';

export function isoHandlers(s: Services): HandlerGroup<IsoMethods> {
  return {
    'iso.inspect': ({ path }) => s.iso.inspect(path),
    'iso.customize': (req) => s.iso.customize(req),
    'iso.remove': (req) => s.iso.remove(req),
    'iso.outputChecksum': (req) => s.iso.outputSha256(req),
  };
}
