import { hostnameExample } from '../hostname';
/**
 * Day-2 host name rules: what the service checks (AS hostutil: RFC 1123, lower case, ≤ 63 chars per
 * label, not a localhost name) plus what it does NOT check — a clash with the SNO node's own name,
 * which the service cannot see (hostname-unique only compares hosts inside the Assisted cluster).
 */

export interface HostnameIssue {
  /** i18n key under `assisted.hostname.` */
  key: 'empty' | 'tooLong' | 'labelTooLong' | 'invalid' | 'uppercase' | 'localhost' | 'duplicateHost' | 'existingNode';
  params?: Record<string, string>;
}

const forbidden = new Set(['localhost', 'localhost.localdomain', 'localhost4', 'localhost4.localdomain4', 'localhost6', 'localhost6.localdomain6']);
const pattern = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

export interface HostnameContext {
  /** names of the other hosts in the Assisted cluster (display names) */
  otherHosts?: readonly string[];
  /** node names already in the OpenShift cluster (the SNO node, earlier workers) */
  nodeNames?: readonly string[];
  /** the cluster's domain, for a valid example in hints */
  domain?: string;
}

export function validateDay2Hostname(name: string, context: HostnameContext = {}): HostnameIssue[] {
  const value = name.trim();
  if (!value) return [{ key: 'empty' }];
  if (value.length > 253) return [{ key: 'tooLong' }];
  // Day-2 names may be short; without a known domain the example stays short too.
  const example = hostnameExample(value, context.domain);
  const suggestion = context.domain || value.includes('.') ? example : example.split('.')[0]!;
  if (/[A-Z]/.test(value)) return [{ key: 'uppercase', params: { suggestion } }];
  if (forbidden.has(value) || value.startsWith('localhost.')) return [{ key: 'localhost' }];
  const long = value.split('.').find((l) => l.length > 63);
  if (long) return [{ key: 'labelTooLong', params: { label: long } }];
  if (!pattern.test(value)) return [{ key: 'invalid', params: { suggestion } }];
  const issues: HostnameIssue[] = [];
  const short = (n: string) => n.trim().toLowerCase().split('.')[0] ?? '';
  if (context.otherHosts?.some((h) => h.trim().toLowerCase() === value)) issues.push({ key: 'duplicateHost' });
  // Node names are compared on the short name too: "worker-0" clashes with "worker-0.example.com".
  const clash = context.nodeNames?.find((n) => n.trim().toLowerCase() === value || short(n) === short(value));
  if (clash) issues.push({ key: 'existingNode', params: { node: clash } });
  return issues;
}

/** A sensible suggestion for a host that reported `localhost`: worker-0, worker-1, … not yet taken. */
export function suggestHostname(taken: readonly string[], prefix = 'worker'): string {
  const used = new Set(taken.map((t) => t.toLowerCase().split('.')[0]));
  for (let i = 0; ; i += 1) {
    if (!used.has(`${prefix}-${i}`)) return `${prefix}-${i}`;
  }
}
