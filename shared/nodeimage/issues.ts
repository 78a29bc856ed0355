import type { Issue } from '../network/issue';

/** A finding about a nodes-config.yaml field; `key` is under `nodeimage.issues`, `path` the field (hosts.0.interfaces.1.macAddress). */
export const niIssue = (key: string, path: string, params?: Record<string, string | number>): Issue => ({
  key: `nodeimage.issues.${key}`,
  path,
  ...(params ? { params } : {}),
});

export const niWarning = (key: string, path: string, params?: Record<string, string | number>): Issue => ({ ...niIssue(key, path, params), severity: 'warning' });

/** Network findings keep their own keys; their path is placed under the host's networkConfig. */
export const underPath = (prefix: string, issues: Issue[]): Issue[] => issues.map((i) => ({ ...i, path: i.path ? `${prefix}.${i.path}` : prefix }));
