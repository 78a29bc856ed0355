import { parseUrl } from '../url';

/** The two Electron IPC channels; everything else is a contract method or event name carried over them. */
export const IPC_INVOKE = 'sfk:invoke';
export const IPC_EVENT = 'sfk:event';
/** The renderer's origin inside Electron: a privileged custom scheme, never file:// */
export const APP_SCHEME = 'app';
export const APP_HOST = 'sno-field-kit';

export function isAppUrl(raw: string): boolean {
  const url = parseUrl(raw);
  // `origin` is "null" for custom schemes, so compare scheme and host explicitly.
  return url !== null && url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
}
