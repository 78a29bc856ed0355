import { AppError } from '../../../shared/api/errors';
import type { DriveInfo } from '../../../shared/usb/drive-rules';
import type { DriveIdentity } from '../../../shared/usb/helper-protocol';
import { checkDriveForWrite, listDrivesLinux, type GuardOptions } from '../../usb-helper/drive-guard';

/**
 * One implementation per operating system. Linux is done; macOS (diskutil list -plist +
 * authopen, as Fedora Media Writer does) and Windows (an elevated helper that locks and dismounts
 * volumes) plug in here later and are refused plainly until then.
 */
export interface DriveLister {
  readonly supported: boolean;
  list(image?: { path: string; size: number }): Promise<DriveInfo[]>;
  /** Re-checks a confirmed drive right before a write; throws an AppError when it changed or is refused. */
  check(identity: DriveIdentity, image: { path: string; size: number }): Promise<DriveInfo>;
}

export class LinuxDriveLister implements DriveLister {
  readonly supported = true;
  constructor(private readonly options: GuardOptions = {}) {}
  list(image?: { path: string; size: number }): Promise<DriveInfo[]> {
    return listDrivesLinux(this.options, image);
  }
  check(identity: DriveIdentity, image: { path: string; size: number }): Promise<DriveInfo> {
    return checkDriveForWrite(identity, image, this.options);
  }
}

export class UnsupportedDriveLister implements DriveLister {
  readonly supported = false;
  constructor(private readonly platform: string) {}
  list(): Promise<DriveInfo[]> {
    return Promise.reject(new AppError('usb.unsupportedPlatform', { platform: this.platform }));
  }
  check(): Promise<DriveInfo> {
    return this.list() as unknown as Promise<DriveInfo>;
  }
}

export function createDriveLister(platform: NodeJS.Platform, options: GuardOptions = {}): DriveLister {
  return platform === 'linux' ? new LinuxDriveLister(options) : new UnsupportedDriveLister(platform === 'darwin' ? 'macOS' : platform === 'win32' ? 'Windows' : platform);
}
