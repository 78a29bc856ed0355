/**
 * What a technician recognises a machine by: MAC addresses, serial number, vendor/model, IPs,
 * disks, CPU and RAM — read from the host's inventory (a JSON string in the API).
 */
import { formatSize } from '../format/size';

export interface HostInterfaceView {
  name: string;
  mac: string;
  ipv4: string[];
  ipv6: string[];
  speedMbps?: number;
  hasCarrier?: boolean;
}

export interface HostDiskView {
  name: string;
  path?: string;
  sizeBytes: number;
  type?: string;
  model?: string;
  serial?: string;
  bootable?: boolean;
}

export interface HostView {
  id: string;
  /** requested_hostname: the requested name, else the inventory hostname, else the host id */
  displayName: string;
  inventoryHostname?: string;
  status: string;
  statusInfo: string;
  macs: string[];
  ips: string[];
  interfaces: HostInterfaceView[];
  disks: HostDiskView[];
  serial?: string;
  vendor?: string;
  model?: string;
  virtual?: boolean;
  cpuCores?: number;
  memoryBytes?: number;
  bmcAddress?: string;
  /** install progress */
  stage?: string;
  percentage?: number;
  progressInfo?: string;
  progressStages?: string[];
  stageStartedAt?: string;
  stageUpdatedAt?: string;
  validationsInfo?: string;
  mediaStatus?: string;
  checkedInAt?: string;
  installationDiskPath?: string;
}

/** The host fields this module reads (camelCase, as @openshift-assisted/types' Host); inventory stays a snake_case JSON string. */
export interface RawHost {
  id: string;
  status: string;
  statusInfo?: string;
  requestedHostname?: string;
  inventory?: string;
  validationsInfo?: string;
  progress?: { currentStage?: string; installationPercentage?: number; progressInfo?: string; stageStartedAt?: string; stageUpdatedAt?: string };
  progressStages?: string[];
  mediaStatus?: string;
  checkedInAt?: string;
  installationDiskPath?: string;
}

interface RawInventory {
  hostname?: string;
  bmc_address?: string;
  interfaces?: { name?: string; mac_address?: string; ipv4_addresses?: string[]; ipv6_addresses?: string[]; speed_mbps?: number; has_carrier?: boolean }[];
  disks?: { name?: string; path?: string; size_bytes?: number; drive_type?: string; model?: string; serial?: string; bootable?: boolean }[];
  cpu?: { count?: number };
  memory?: { physical_bytes?: number; usable_bytes?: number };
  system_vendor?: { manufacturer?: string; product_name?: string; serial_number?: string; virtual?: boolean };
}

function parseInventory(json: string | undefined): RawInventory {
  if (!json) return {};
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === 'object' ? (value as RawInventory) : {};
  } catch {
    return {};
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function hostView(host: RawHost): HostView {
  const inv = parseInventory(host.inventory);
  const interfaces: HostInterfaceView[] = (Array.isArray(inv.interfaces) ? inv.interfaces : []).map((i) => {
    const view: HostInterfaceView = {
      name: str(i.name) ?? '?',
      mac: (str(i.mac_address) ?? '').toLowerCase(),
      ipv4: Array.isArray(i.ipv4_addresses) ? i.ipv4_addresses.filter((a) => typeof a === 'string') : [],
      ipv6: Array.isArray(i.ipv6_addresses) ? i.ipv6_addresses.filter((a) => typeof a === 'string') : [],
    };
    const speed = num(i.speed_mbps);
    if (speed !== undefined) view.speedMbps = speed;
    if (typeof i.has_carrier === 'boolean') view.hasCarrier = i.has_carrier;
    return view;
  });
  const disks: HostDiskView[] = (Array.isArray(inv.disks) ? inv.disks : []).map((d) => {
    const disk: HostDiskView = { name: str(d.name) ?? '?', sizeBytes: num(d.size_bytes) ?? 0 };
    for (const [k, v] of [
      ['path', d.path],
      ['type', d.drive_type],
      ['model', d.model],
      ['serial', d.serial],
    ] as const) {
      const s = str(v);
      if (s) disk[k] = s;
    }
    if (typeof d.bootable === 'boolean') disk.bootable = d.bootable;
    return disk;
  });
  const view: HostView = {
    id: host.id,
    displayName: str(host.requestedHostname) ?? str(inv.hostname) ?? host.id,
    status: host.status,
    statusInfo: host.statusInfo ?? '',
    interfaces,
    macs: interfaces.map((i) => i.mac).filter(Boolean),
    // IPv4 first: what technicians type into ping and BMC screens
    ips: [...interfaces.flatMap((i) => i.ipv4), ...interfaces.flatMap((i) => i.ipv6)],
    disks,
  };
  const set = <K extends keyof HostView>(key: K, value: HostView[K] | undefined) => {
    if (value !== undefined) view[key] = value;
  };
  set('inventoryHostname', str(inv.hostname));
  set('serial', str(inv.system_vendor?.serial_number));
  set('vendor', str(inv.system_vendor?.manufacturer));
  set('model', str(inv.system_vendor?.product_name));
  if (typeof inv.system_vendor?.virtual === 'boolean') view.virtual = inv.system_vendor.virtual;
  set('cpuCores', num(inv.cpu?.count));
  set('memoryBytes', num(inv.memory?.physical_bytes) ?? num(inv.memory?.usable_bytes));
  set('bmcAddress', str(inv.bmc_address));
  set('stage', str(host.progress?.currentStage));
  set('percentage', num(host.progress?.installationPercentage));
  set('progressInfo', str(host.progress?.progressInfo));
  set('stageStartedAt', str(host.progress?.stageStartedAt));
  set('stageUpdatedAt', str(host.progress?.stageUpdatedAt));
  if (Array.isArray(host.progressStages)) view.progressStages = host.progressStages.filter((s) => typeof s === 'string');
  set('validationsInfo', str(host.validationsInfo));
  set('mediaStatus', str(host.mediaStatus));
  set('checkedInAt', str(host.checkedInAt));
  set('installationDiskPath', str(host.installationDiskPath));
  return view;
}

/** 17179869184 -> "16 GiB" (binary units, as lsblk and BIOS screens show them). */
export function formatBytes(bytes: number | undefined): string {
  // Inventories report 0 for what they could not read: not a size.
  return bytes === undefined || bytes <= 0 ? '—' : formatSize(bytes, { trimZero: true });
}
