import type { Handlers } from '../handler-types';
import type { Services } from '../../app/composition';
import { appHandlers } from './app';
import { credentialsHandlers } from './credentials';
import { jobsHandlers } from './jobs';
import { clusterHandlers } from './cluster';
import { assistedHandlers } from './assisted';
import { manualHandlers } from './manual';
import { isoHandlers } from './iso';
import { terminalHandlers } from './terminal';
import { artifactsHandlers } from './artifacts';
import { usbHandlers } from './usb';
import { handoffHandlers } from './handoff';
import { nodeimageHandlers } from './nodeimage';
import { practiceKitHandlers } from './practice-kit';

/** All handlers; the `Handlers` type makes a missing contract method a compile error. */
export function createHandlers(s: Services): Handlers {
  return {
    ...appHandlers(s),
    ...credentialsHandlers(s),
    ...jobsHandlers(s),
    ...clusterHandlers(s),
    ...assistedHandlers(s),
    ...manualHandlers(s),
    ...isoHandlers(s),
    ...terminalHandlers(s),
    ...artifactsHandlers(s),
    ...usbHandlers(s),
    ...handoffHandlers(s),
    ...nodeimageHandlers(s),
    ...practiceKitHandlers(s),
  };
}
