import { isAppUrl } from '../shared/api/ipc-channels';
import { isAllowedExternalUrl } from '../shared/external-links';

/**
 * Navigation rules for the app window, kept free of Electron so they are unit-tested:
 * the window only ever shows our own page; new windows are never created; allow-listed Red Hat
 * links go to the system browser, everything else is dropped.
 */
export function mayNavigate(url: string): boolean {
  return isAppUrl(url);
}

export function onWindowOpen(url: string): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: isAllowedExternalUrl(url) };
}

/** CSP for the packaged app (served by the app:// protocol handler). */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
