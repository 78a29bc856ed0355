import { parseUrl } from '../url';

/**
 * Pure checks for the "Cluster details" step: the OpenShift version floor, the cluster name and base
 * domain from the API host, and the `api.<name>.<base>` form the import call needs.
 */

/** The procedure (add a worker to SNO with the Assisted Installer) requires OpenShift 4.11 or newer. */
export const minimumVersion = '4.11';

/** Compares the major.minor of an OpenShift version ("4.14.3", "4.16.0-rc.1") with a floor like "4.11". */
export function versionAtLeast(version: string, floor = minimumVersion): boolean {
  const parse = (v: string) => /^v?(\d+)\.(\d+)/.exec(v.trim());
  const a = parse(version);
  const b = parse(floor);
  if (!a || !b) return false;
  const [amaj, amin] = [Number(a[1]), Number(a[2])];
  const [bmaj, bmin] = [Number(b[1]), Number(b[2])];
  return amaj > bmaj || (amaj === bmaj && amin >= bmin);
}

export function isVersionString(version: string): boolean {
  return /^v?\d+\.\d+(\.\d+)?([-+][0-9A-Za-z.-]+)?$/.test(version.trim());
}

/** The host of an API server URL: "https://api.sno.example.com:6443" -> "api.sno.example.com". */
export function apiHostFromUrl(urlOrHost: string): string {
  const value = urlOrHost.trim();
  const withScheme = /^[a-z]+:\/\//i.test(value) ? value : `https://${value}`;
  const parsed = parseUrl(withScheme);
  return parsed ? parsed.hostname.toLowerCase().replace(/\.$/, '') : value.toLowerCase();
}

export interface ClusterNames {
  name: string;
  baseDomain: string;
}

/**
 * "api.sno.example.com" -> { name: "sno", baseDomain: "example.com" }. Only the exact
 * api.<name>.<base> form works: the service derives name and base_dns_domain from it, and without a
 * base domain the DNS validations end in `error` (AS inventory.go).
 */
export function clusterNamesFromApiHost(apiHost: string): ClusterNames | undefined {
  const host = apiHostFromUrl(apiHost);
  if (/^[\d.]+$/.test(host) || host.includes(':')) return undefined;
  const m = /^api\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.([a-z0-9-]+(\.[a-z0-9-]+)+|[a-z0-9-]+)$/.exec(host);
  if (!m) return undefined;
  return { name: m[1]!, baseDomain: m[3]! };
}

/** `api.<name>.<base>`: what import-cluster-params.api_vip_dnsname gets. */
export function apiVipDnsname(names: ClusterNames): string {
  return `api.${names.name}.${names.baseDomain}`;
}

/** Cluster names must match the service's pattern, or import answers 400. */
export function isValidClusterName(name: string): boolean {
  return /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) && name.length <= 54;
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value.trim());
}

export interface PullSecretCheck {
  ok: boolean;
  /** i18n key under assisted.pullSecret.* when not ok */
  problem?: 'notJson' | 'noAuths' | 'emptyAuths' | 'noCloudOpenshift';
  /** registry names (no credentials): shown so the technician sees they picked the right file */
  registries: string[];
}

/** A pull secret is JSON with an `auths` object; cloud.openshift.com must be there for the SaaS agent. */
export function checkPullSecret(text: string): PullSecretCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'notJson', registries: [] };
  }
  const auths = (value as { auths?: unknown })?.auths;
  if (!auths || typeof auths !== 'object' || Array.isArray(auths)) return { ok: false, problem: 'noAuths', registries: [] };
  const registries = Object.keys(auths).sort();
  if (!registries.length) return { ok: false, problem: 'emptyAuths', registries };
  if (!registries.includes('cloud.openshift.com')) return { ok: false, problem: 'noCloudOpenshift', registries };
  return { ok: true, registries };
}

export interface SshKeyCheck {
  ok: boolean;
  problem?: 'empty' | 'privateKey' | 'multiple' | 'invalid';
  type?: string;
  comment?: string;
}

const sshTypes = ['ssh-rsa', 'ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'sk-ssh-ed25519@openssh.com', 'sk-ecdsa-sha2-nistp256@openssh.com'];

/** One OpenSSH public key line; a private key pasted by mistake is refused (it must never leave the laptop). */
export function checkSshPublicKey(text: string): SshKeyCheck {
  const value = text.trim();
  if (!value) return { ok: false, problem: 'empty' };
  if (/PRIVATE KEY/.test(value)) return { ok: false, problem: 'privateKey' };
  const lines = value.split(/\r?\n/).filter((l) => l.trim() && !l.trim().startsWith('#'));
  if (lines.length > 1) return { ok: false, problem: 'multiple' };
  const [type, data, ...comment] = lines[0]!.trim().split(/\s+/);
  if (!type || !sshTypes.includes(type) || !data || !/^[A-Za-z0-9+/]+={0,3}$/.test(data) || data.length < 60) return { ok: false, problem: 'invalid' };
  const result: SshKeyCheck = { ok: true, type };
  if (comment.length) result.comment = comment.join(' ');
  return result;
}
