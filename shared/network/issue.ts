/**
 * A validation finding for something the technician typed. `key` is an i18n key (namespace
 * `manual`), `params` fill its placeholders, `path` says which field it belongs to so the UI can
 * show it next to that field. Validators never throw: they return every issue at once.
 */
export interface Issue {
  key: string;
  params?: Record<string, string | number>;
  path?: string;
  /** A warning does not block generation (e.g. static address without DNS servers). */
  severity?: 'error' | 'warning';
}

export const issue = (key: string, path?: string, params?: Record<string, string | number>): Issue => ({
  key: `manual.issues.${key}`,
  ...(params ? { params } : {}),
  ...(path !== undefined ? { path } : {}),
});

export const warning = (key: string, path?: string, params?: Record<string, string | number>): Issue => ({ ...issue(key, path, params), severity: 'warning' });

export const blocking = (issues: readonly Issue[]): Issue[] => issues.filter((i) => i.severity !== 'warning');
