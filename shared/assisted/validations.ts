/**
 * validations_info arrives as a JSON *string*: {"hardware"|"network"|"operators"|...: [{id, status, message}]}.
 * This module parses it defensively and orders it the way a technician needs it: failures first.
 */

export type ValidationStatus = 'success' | 'failure' | 'pending' | 'error' | 'disabled';

export interface Validation {
  id: string;
  /** raw status; unknown values are kept */
  status: string;
  message: string;
}

export interface ValidationGroup {
  category: string;
  /** failed: something failed/errored; pending: nothing failed but some pending; ok: all passed */
  state: 'failed' | 'pending' | 'ok';
  validations: Validation[];
}

/** Validations that never block a day-2 host (AS statemachine at 063b257): shown as soft warnings. */
export const softValidationIds = new Set(['ntp-synced', 'container-images-available', 'release-domain-name-resolved-correctly', 'mtu-valid']);

/** Ids with a plain explanation and fix hint in the `assisted.validation` catalogue. */
export const explainedValidationIds = [
  'connected',
  'media-connected',
  'has-inventory',
  'inventory-not-fully-truncated',
  'has-min-cpu-cores',
  'has-min-memory',
  'has-min-valid-disks',
  'has-cpu-cores-for-role',
  'has-memory-for-role',
  'hostname-unique',
  'hostname-valid',
  'ignition-downloadable',
  'api-domain-name-resolved-correctly',
  'api-int-domain-name-resolved-correctly',
  'apps-domain-name-resolved-correctly',
  'dns-wildcard-not-configured',
  'has-default-route',
  'time-synced-between-host-and-service',
  'ntp-synced',
  'compatible-agent',
  'sufficient-installation-disk-speed',
  'no-skip-installation-disk',
  'no-skip-missing-disk',
  'no-ip-collisions-in-network',
  'non-overlapping-subnets',
  'machine-cidr-defined',
  'belongs-to-machine-cidr',
  'belongs-to-majority-group',
  'compatible-with-cluster-platform',
  'release-domain-name-resolved-correctly',
  'container-images-available',
  'disk-encryption-requirements-satisfied',
  'sufficient-network-latency-requirement-for-role',
  'sufficient-packet-loss-requirement-for-role',
  'valid-platform-network-settings',
  'mtu-valid',
  'vsphere-disk-uuid-enabled',
  'no-iscsi-nic-belongs-to-machine-cidr',
] as const;

/** `api-int-domain-name-resolved-correctly` -> `apiIntDomainNameResolvedCorrectly` (catalogue key), undefined if unexplained. */
export function validationKey(id: string): string | undefined {
  if (!(explainedValidationIds as readonly string[]).includes(id)) return undefined;
  return id.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());
}

const rank: Record<string, number> = { failure: 0, error: 0, pending: 1 };
const categoryOrder = ['network', 'hardware', 'operators'];

function statusRank(v: Validation): number {
  if (softValidationIds.has(v.id) && (v.status === 'failure' || v.status === 'error')) return 0.5;
  return rank[v.status] ?? 2;
}

/** Parses validations_info; an empty or damaged string yields no groups rather than an exception. */
export function parseValidationsInfo(json: string | undefined | null): ValidationGroup[] {
  if (!json) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return [];
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return [];
  const groups: ValidationGroup[] = [];
  for (const [category, list] of Object.entries(raw as Record<string, unknown>)) {
    if (!Array.isArray(list)) continue;
    const validations = list
      .filter((v): v is Record<string, unknown> => !!v && typeof v === 'object')
      .map((v) => ({ id: String(v.id ?? ''), status: String(v.status ?? ''), message: String(v.message ?? '') }))
      .filter((v) => v.id)
      .sort((a, b) => statusRank(a) - statusRank(b) || a.id.localeCompare(b.id));
    if (!validations.length) continue;
    groups.push({ category, state: groupState(validations), validations });
  }
  const stateRank = { failed: 0, pending: 1, ok: 2 };
  return groups.sort((a, b) => stateRank[a.state] - stateRank[b.state] || orderOf(a.category) - orderOf(b.category) || a.category.localeCompare(b.category));
}

function orderOf(category: string): number {
  const i = categoryOrder.indexOf(category);
  return i < 0 ? categoryOrder.length : i;
}

function groupState(validations: Validation[]): ValidationGroup['state'] {
  const hard = validations.filter((v) => !softValidationIds.has(v.id));
  if (hard.some((v) => v.status === 'failure' || v.status === 'error')) return 'failed';
  if (hard.some((v) => v.status === 'pending')) return 'pending';
  return 'ok';
}

/** The validations the technician must fix (hard failures/errors), across all groups. */
export function blockingFailures(groups: ValidationGroup[]): Validation[] {
  return groups.flatMap((g) => g.validations.filter((v) => !softValidationIds.has(v.id) && (v.status === 'failure' || v.status === 'error')));
}
