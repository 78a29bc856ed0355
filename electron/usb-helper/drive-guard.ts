import { stat } from 'node:fs/promises';
import { AppError } from '../../shared/api/errors';
import { evaluateDrives, type DriveContext, type DriveInfo } from '../../shared/usb/drive-rules';
import type { DriveIdentity } from '../../shared/usb/helper-protocol';
import { devicesHoldingFile, readByIdLinks, readLoopBackingFiles, readLsblk, readSwapDevices } from './system-probe';

/*
 * Lives in the helper because the helper, running as root, re-checks the drive with it right before
 * writing (and the helper imports only node: builtins and shared/); the USB service lists drives with
 * the same code so the technician sees the verdict the helper will apply.
 */
export interface GuardOptions {
  /** Test-only (see DriveContext.testAllowDevices); never reachable from the UI or the contract. */
  testAllowDevices?: readonly string[];
  byIdDir?: string;
}

/** Lists whole disks with the facts the rules need, evaluated against an optional image. */
export async function listDrivesLinux(options: GuardOptions, image?: { path: string; size: number }): Promise<DriveInfo[]> {
  const tree = await readLsblk();
  const ctx: DriveContext = {
    byId: await readByIdLinks(options.byIdDir),
    swapDevices: await readSwapDevices(),
    imageHolders: image ? await devicesHoldingFile(image.path) : [],
    imageSize: image?.size,
    loopBackingFiles: await readLoopBackingFiles(tree),
    testAllowDevices: options.testAllowDevices,
  };
  return evaluateDrives(tree, ctx);
}

/**
 * Re-checks, right before writing, that the drive the technician confirmed is still the same
 * physical drive and still allowed: same node, size, serial/WWN, by-id link and loop backing file,
 * and every rule passes against the image. A re-plugged stick that moved from /dev/sdb to /dev/sdc
 * (and another one that took /dev/sdb) can't redirect the write.
 */
export async function checkDriveForWrite(identity: DriveIdentity, image: { path: string; size: number }, options: GuardOptions): Promise<DriveInfo> {
  const device = identity.device;
  const st = await stat(device).catch(() => undefined);
  if (!st) throw new AppError('usb.deviceGone', { device });
  if (!st.isBlockDevice()) throw new AppError('usb.notBlockDevice', { device });
  const drives = await listDrivesLinux(options, image);
  const drive = drives.find((d) => d.device === device);
  if (!drive) throw /^\/dev\/loop\d+$/.test(device) ? refusal(device, ['virtual']) : new AppError('usb.notWholeDisk', { device });
  const changed = (field: string) => new AppError('usb.identityChanged', { device, field });
  if (drive.size !== identity.size) throw changed('size');
  if ((drive.serial ?? '') !== (identity.serial ?? '')) throw changed('serial');
  if ((drive.wwn ?? '') !== (identity.wwn ?? '')) throw changed('wwn');
  if (identity.byId ? !drive.byIdNames.includes(identity.byId) : drive.byIdNames.length > 0 && !drive.loopBackingFile) throw changed('byId');
  if ((drive.loopBackingFile ?? '') !== (identity.loopBackingFile ?? '')) throw changed('loopBackingFile');
  if (!drive.eligible) throw refusal(device, drive.problems);
  return drive;
}

/** The first (most serious) problem names the message: usb.refused.system -> "holds the running system…" */
export function refusal(device: string, problems: DriveInfo['problems']): AppError {
  const first = problems[0] ?? 'notRemovable';
  return new AppError(`usb.refused${first.charAt(0).toUpperCase()}${first.slice(1)}`, { device }, { problems });
}
