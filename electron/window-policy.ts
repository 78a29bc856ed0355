import { isAppUrl } from '../shared/api/ipc-channels';
import { isAllowedExternalUrl } from '../shared/external-links';

/**
 * Navigation and permission rules for the app window, kept free of Electron so they are
 * unit-tested: the window only ever shows our own page in its main frame (no subframes, no
 * redirects elsewhere); new windows are never created; allow-listed Red Hat links go to the system
 * browser, everything else is dropped; the page gets no permission except the clipboard.
 */
export function mayNavigate(url: string): boolean {
  return isAppUrl(url);
}

/** will-frame-navigate covers the main frame and every subframe; the app has no frames, so a subframe never navigates. */
export function mayFrameNavigate(target: { url: string; isMainFrame: boolean }): boolean {
  return target.isMainFrame && mayNavigate(target.url);
}

export function onWindowOpen(url: string): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: isAllowedExternalUrl(url) };
}

/**
 * The only web permissions the renderer uses: the copy buttons (clipboard-sanitized-write) and the
 * terminal's paste (clipboard-read). Camera, microphone, notifications, geolocation, devices
 * (hid/usb/serial), file-system access, openExternal (the main process opens links itself) … are
 * all refused.
 */
const APP_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write', 'clipboard-read']);

export interface PermissionQuery {
  permission: string;
  /** requestingUrl (request handler) or requestingOrigin (check handler) */
  origin: string;
  isMainFrame: boolean;
}

/** One decision for both setPermissionRequestHandler and setPermissionCheckHandler. */
export function mayUsePermission(query: PermissionQuery): boolean {
  return query.isMainFrame && isAppUrl(query.origin) && APP_PERMISSIONS.has(query.permission);
}

/** CSP for the packaged app (served by the app:// protocol handler). */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
