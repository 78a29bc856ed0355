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
export function validateHostname(name: string, path = 'hostname'): Issue[] {
  if (name.trim() !== name) return [issue('hostnameWhitespace', path)];
  const base = validateDomainName(name, path);
  if (base.length > 0) return base;
  const lower = name.toLowerCase().replace(/\.$/, '');
  const out: Issue[] = [];
  if (name !== name.toLowerCase()) out.push(issue('hostnameUppercase', path, { suggestion: lower }));
  if (name.endsWith('.')) out.push(issue('hostnameTrailingDot', path));
  const labels = lower.split('.');
  if (labels[0] === 'localhost' || lower === 'localhost.localdomain') out.push(issue('hostnameLocalhost', path));
  else if (labels.length < 2) out.push(issue('hostnameNotFqdn', path, { name }));
  else if (/^\d+$/.test(labels[labels.length - 1]!)) out.push(issue('hostnameNumericTld', path));
  if (labels[0]!.length > 63) out.push(issue('hostnameLabel', path, { label: labels[0]! }));
  return out;
}

/** The short name (first label) that the node usually reports as kubernetes.io/hostname. */
export const shortName = (fqdn: string): string => fqdn.split('.')[0] ?? fqdn;
