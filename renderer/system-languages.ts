import type { AppInfo } from '../shared/api/domains/app';

/**
 * The locale list "auto" follows: the OS's in the desktop app; in browser mode, the browser's own
 * (the technician may be on another machine than the host).
 */
export function systemLanguages(info: Pick<AppInfo, 'shell' | 'systemLanguages'> | null): string[] {
  if (!info || info.shell === 'browser') return [...navigator.languages];
  return [...info.systemLanguages, ...navigator.languages];
}
