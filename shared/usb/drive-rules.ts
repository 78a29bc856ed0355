import { walk, type BlockNode } from './lsblk';
import type { DriveIdentity } from './helper-protocol';

/**
 * Which drives may be offered as a USB target. The rules are deliberately strict and explicit
 * (drivelist's `!isRemovable && !isVirtual` heuristic never looks at what is mounted at `/`):
 * a drive is offered only if it is a removable/USB whole disk, writable, not empty, big enough,
 * and nothing on it is a system mount, swap, a RAID/LVM/LUKS member, or the image being written.
 */
export type DriveProblem =
  | 'system' // holds /, /boot, swap or another system mount
  | 'member' // LVM / MD RAID / LUKS / device-mapper member
  | 'holdsImage' // the image file lives on this drive
  | 'readOnly'
  | 'notRemovable' // an internal disk
  | 'virtual' // loop, zram, ram disks
  | 'empty' // no medium / size 0
  | 'tooSmall';

export type DriveWarning = 'large' | 'mounted';

export interface DriveInfo {
  /** Whole-disk device node, e.g. /dev/sdb */
  device: string;
  /** The stable name the write is bound to, e.g. /dev/disk/by-id/usb-SanDisk_Cruzer_Blade_4C53…-0:0 */
  byId?: string;
  byIdNames: string[];
  vendor?: string;
  model?: string;
  serial?: string;
  wwn?: string;
  size: number;
  transport?: string;
  removable: boolean;
  readOnly: boolean;
  /** Labels of file systems on the stick, to help recognise it ("RHCOS", "KINGSTON") */
  labels: string[];
  mountpoints: string[];
  /** Backing file of a loop device (only test-allowed loop devices are ever listed as candidates) */
  loopBackingFile?: string;
  eligible: boolean;
  problems: DriveProblem[];
  warnings: DriveWarning[];
}

/** Etcher's LARGE_DRIVE_SIZE: a "stick" larger than this is more likely an external backup disk. */
export const LARGE_DRIVE_BYTES = 128e9;

/** Mount points that belong to the running system, not to a stick the desktop auto-mounted. */
const USER_MEDIA_PREFIXES = ['/media/', '/run/media/', '/mnt/'];
const MEMBER_FSTYPES = new Set(['LVM2_member', 'linux_raid_member', 'crypto_LUKS', 'zfs_member', 'bcache', 'ceph_bluestore', 'VMFS_volume_member', 'isw_raid_member', 'ddf_raid_member']);
const MEMBER_TYPES = /^(lvm|raid\d*|crypt|dm|mpath|md)$/;

export function isSystemMount(mountpoint: string): boolean {
  if (mountpoint === '[SWAP]') return true;
  return !USER_MEDIA_PREFIXES.some((prefix) => mountpoint.startsWith(prefix) && mountpoint.length > prefix.length);
}

export interface DriveContext {
  /** kname -> /dev/disk/by-id/… links pointing at it (best first) */
  byId: Record<string, string[]>;
  /** Devices of active swap areas (/proc/swaps), in case lsblk did not mark them */
  swapDevices: string[];
  /** Block devices (any level) the image file is stored on, incl. the devices backing a loop-mounted file system */
  imageHolders: string[];
  /** Size of the image to be written, if one is chosen */
  imageSize?: number;
  /** loop kname -> backing file */
  loopBackingFiles?: Record<string, string>;
  /**
   * Test-only: loop devices that stand in for USB sticks. Production code never sets this from the
   * UI or the contract; it is a constructor option of the drive service and a helper CLI flag that
   * is honoured for /dev/loopN devices only.
   */
  testAllowDevices?: readonly string[];
}

const TEST_ALLOWABLE = /^\/dev\/loop\d+$/;

/** Only a loop device can ever be test-allowed: the allowance can't be used to unlock a real disk. */
export function isTestAllowed(device: string, ctx: Pick<DriveContext, 'testAllowDevices'>): boolean {
  return TEST_ALLOWABLE.test(device) && (ctx.testAllowDevices ?? []).includes(device);
}

export function evaluateDisk(disk: BlockNode, ctx: DriveContext): DriveInfo {
  const problems = new Set<DriveProblem>();
  const warnings = new Set<DriveWarning>();
  const nodes = [...walk(disk)];
  const mountpoints = nodes.flatMap((n) => n.mountpoints);
  const testAllowed = isTestAllowed(disk.kname, ctx);

  if (mountpoints.some(isSystemMount)) problems.add('system');
  if (nodes.some((n) => ctx.swapDevices.includes(n.kname) || ctx.swapDevices.includes(n.name))) problems.add('system');
  if (nodes.some((n) => (n.fstype && MEMBER_FSTYPES.has(n.fstype)) || MEMBER_TYPES.test(n.type))) problems.add('member');
  if (nodes.some((n) => ctx.imageHolders.includes(n.kname) || ctx.imageHolders.includes(n.name))) problems.add('holdsImage');
  if (disk.ro) problems.add('readOnly');
  if (disk.type !== 'disk' && !testAllowed) problems.add('virtual');
  if (/^\/dev\/(zram|ram)\d+$/.test(disk.kname)) problems.add('virtual');
  const removable = disk.tran === 'usb' || disk.rm || disk.hotplug || testAllowed;
  if (!removable) problems.add('notRemovable');
  if (disk.size <= 0) problems.add('empty');
  else if (ctx.imageSize !== undefined && disk.size < ctx.imageSize) problems.add('tooSmall');
  if (disk.size > LARGE_DRIVE_BYTES) warnings.add('large');
  if (mountpoints.length > 0) warnings.add('mounted');

  const byIdNames = ctx.byId[disk.kname] ?? [];
  return {
    device: disk.kname,
    byId: byIdNames[0],
    byIdNames,
    vendor: disk.vendor,
    model: disk.model,
    serial: disk.serial,
    wwn: disk.wwn,
    size: disk.size,
    transport: disk.tran,
    removable,
    readOnly: disk.ro,
    labels: [...new Set(nodes.map((n) => n.label).filter((l): l is string => Boolean(l)))],
    mountpoints,
    loopBackingFile: ctx.loopBackingFiles?.[disk.kname],
    eligible: problems.size === 0,
    problems: [...problems],
    warnings: [...warnings],
  };
}

/**
 * All whole disks with their verdicts. Loop devices are left out entirely unless test-allowed
 * (a laptop has many snap/flatpak loops that would only clutter the list); optical drives too.
 */
export function evaluateDrives(tree: BlockNode[], ctx: DriveContext): DriveInfo[] {
  return tree
    .filter((n) => n.type === 'disk' || (n.type === 'loop' && isTestAllowed(n.kname, ctx)))
    .map((disk) => evaluateDisk(disk, ctx))
    .sort((a, b) => Number(b.eligible) - Number(a.eligible) || a.device.localeCompare(b.device));
}

/** Rank by-id links: usb-… first (what the technician sees on the stick), then wwn-…, then the rest. */
export function rankByIdNames(names: string[]): string[] {
  const rank = (n: string) => (/\/usb-/.test(n) ? 0 : /\/wwn-/.test(n) ? 1 : /\/(ata|nvme|scsi)-/.test(n) ? 2 : 3);
  return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** "SanDisk Cruzer Blade" / "Kingston DataTraveler 3.0" / the device name when nothing better is known */
export function driveDisplayName(drive: Pick<DriveInfo, 'vendor' | 'model' | 'device'>): string {
  const parts = [drive.vendor, drive.model].filter((p): p is string => Boolean(p && !/^0x[0-9a-f]+$/i.test(p)));
  return parts.length > 0 ? parts.join(' ') : drive.device;
}

/** What the helper re-checks right before writing: the drive must still be this very stick. */
export function identityOf(drive: DriveInfo): DriveIdentity {
  return {
    device: drive.device,
    size: drive.size,
    ...(drive.serial ? { serial: drive.serial } : {}),
    ...(drive.wwn ? { wwn: drive.wwn } : {}),
    ...(drive.byId ? { byId: drive.byId } : {}),
    ...(drive.loopBackingFile ? { loopBackingFile: drive.loopBackingFile } : {}),
  };
}
