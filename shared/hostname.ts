import { issue, type Issue } from './network/issue';

/** One DNS label (RFC 1123 section 2.1): letters, digits, inner hyphens, 1-63 characters. */
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

/** A DNS name such as a search domain: dot-separated RFC 1123 labels, at most 253 characters. */
export function validateDomainName(name: string, path = 'domain'): Issue[] {
  const trimmed = name.endsWith('.') ? name.slice(0, -1) : name;
  if (trimmed.length === 0) return [issue('hostnameEmpty', path)];
  if (trimmed.length > 253) return [issue('hostnameTooLong', path, { length: trimmed.length })];
  const bad = trimmed.split('.').find((l) => !LABEL.test(l));
  if (bad !== undefined) return [issue('hostnameLabel', path, { label: bad === '' ? '(empty)' : bad })];
  return [];
}

/**
 * The new worker's host name: an RFC 1123 fully qualified name (it becomes /etc/hostname and the
 * node name the CSRs carry). Rejects localhost, single labels, all-numeric top-level labels and
 * upper case (Kubernetes node names are lower case; a mixed-case /etc/hostname makes the CSR
 * name differ from what the technician expects).
 */
export function validateHostname(name: string, path = 'hostname', domain?: string): Issue[] {
  if (name.trim() !== name) return [issue('hostnameWhitespace', path)];
  const suggestion = hostnameExample(name, domain);
  const base = validateDomainName(name, path).map((i) => (i.key === 'manual.issues.hostnameLabel' ? { ...i, params: { ...i.params, suggestion } } : i));
  if (base.length > 0) return base;
  const lower = name.toLowerCase().replace(/\.$/, '');
  const out: Issue[] = [];
  if (name !== name.toLowerCase()) out.push(issue('hostnameUppercase', path, { suggestion }));
  if (name.endsWith('.')) out.push(issue('hostnameTrailingDot', path));
  const labels = lower.split('.');
  if (labels[0] === 'localhost' || lower === 'localhost.localdomain') out.push(issue('hostnameLocalhost', path, { suggestion }));
  else if (labels.length < 2) out.push(issue('hostnameNotFqdn', path, { name, suggestion }));
  else if (/^\d+$/.test(labels[labels.length - 1]!)) out.push(issue('hostnameNumericTld', path));
  if (labels[0]!.length > 63) out.push(issue('hostnameLabel', path, { label: labels[0]! }));
  return out;
}

/** The short name (first label) that the node usually reports as kubernetes.io/hostname. */
export const shortName = (fqdn: string): string => fqdn.split('.')[0] ?? fqdn;

/** A label as DNS allows it: lower case, anything else becomes a hyphen ("Worker_1" -> "worker-1"). */
function cleanLabel(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

/**
 * A valid fully qualified name close to what was typed, in the cluster's domain, for hints:
 * "Worker_1" -> "worker-1.sno1.example.com"; a name already in some domain keeps it. Without a
 * known domain the documentation domain stands in.
 */
export function hostnameExample(typed: string, domain?: string): string {
  const labels = typed.trim().replace(/\.$/, '').split('.').map(cleanLabel).filter(Boolean);
  const first = labels[0] && labels[0] !== 'localhost' ? labels[0] : 'worker-1';
  const zone =
    labels.length > 1 && labels[0] !== 'localhost'
      ? labels.slice(1).join('.')
      : domain
          ?.trim()
          .replace(/^\.|\.$/g, '')
          .toLowerCase() || 'cluster.example.com';
  return `${first}.${zone}`;
}

/** The cluster's domain from its API host or URL: "https://api.sno1.example.com:6443" -> "sno1.example.com". */
export function clusterDomainOf(apiHostOrUrl: string | undefined): string | undefined {
  if (!apiHostOrUrl) return undefined;
  const host = apiHostOrUrl
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/[:/].*$/, '')
    .toLowerCase();
  const m = /^api(?:-int)?\.(.+)$/.exec(host);
  return m && m[1]!.includes('.') ? m[1] : undefined;
}
