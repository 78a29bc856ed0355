import { closeSync, lstatSync, openSync, ftruncateSync } from 'node:fs';
import { AppError } from '../../shared/api/errors';
import type { DriveInfo } from '../../shared/usb/drive-rules';
import type { DriveIdentity, HelperMessage, HelperRequest } from '../../shared/usb/helper-protocol';
import { PRACTICE_STICK_BYTES, PRACTICE_STICK_DEVICE } from '../../shared/usb/practice-stick';
import type { DriveLister } from '../services/usb/drive-lister';
import type { HelperRunner } from '../services/usb/usb-service';
import { openDeviceIo } from '../usb-helper/device-io';
import { openImage } from '../usb-helper/image-source';
import { runJobOn, type JobTarget } from '../usb-helper/run-job';

/**
 * The practice USB stick: an 8 GB sparse file under the practice data folder, listed as the only
 * drive in practice mode and written by the same write-and-verify code as a real stick
 * (usb-helper/run-job.ts), in this process, without root. Every request must name exactly this
 * stick: a real device can never be reached through here, and the real helper refuses its name.
 */
export interface PracticeStick {
  path: string;
  lister: DriveLister;
  runner: (onMessage: (m: HelperMessage) => void) => HelperRunner;
}

/** Makes the sparse file on first use (no blocks are allocated until written). */
function ensureStickFile(path: string): void {
  const fd = openSync(path, 'a', 0o600);
  try {
    if (lstatSync(path).size !== PRACTICE_STICK_BYTES) ftruncateSync(fd, PRACTICE_STICK_BYTES);
  } finally {
    closeSync(fd);
  }
}

export function practiceDrive(path: string, image?: { size: number }): DriveInfo {
  const tooSmall = image !== undefined && image.size > PRACTICE_STICK_BYTES;
  return {
    device: PRACTICE_STICK_DEVICE,
    byIdNames: [],
    model: 'Practice stick (8 GB)',
    serial: 'PRACTICE',
    size: PRACTICE_STICK_BYTES,
    transport: 'practice',
    removable: true,
    readOnly: false,
    labels: [],
    mountpoints: [],
    loopBackingFile: path,
    eligible: !tooSmall,
    problems: tooSmall ? ['tooSmall'] : [],
    warnings: [],
  };
}

function checkIdentity(path: string, identity: DriveIdentity): void {
  if (identity.device !== PRACTICE_STICK_DEVICE || identity.loopBackingFile !== path || identity.size !== PRACTICE_STICK_BYTES) {
    throw new AppError('usb.practiceStickOnly', { device: identity.device });
  }
}

function practiceTarget(path: string, request: HelperRequest & { type: 'write' | 'verify' }): JobTarget {
  return {
    openImage: async () => openImage(request.image, request.imageSize),
    async open() {
      checkIdentity(path, request.identity);
      // Only a regular file (never a device node, never a symlink to one) is a practice stick.
      if (!lstatSync(path).isFile()) throw new AppError('usb.practiceStickOnly', { device: path });
      // Buffered, the writer's own fallback: a file's O_DIRECT alignment is its file system's, not a sector's.
      return openDeviceIo(path, { direct: false });
    },
    // A file has no device cache to drop: the read-back reads what the write left in the file.
    flush: async () => undefined,
    eject: async () => false,
  };
}

export function createPracticeStick(path: string): PracticeStick {
  ensureStickFile(path);
  const lister: DriveLister = {
    supported: true,
    list: async (image) => [practiceDrive(path, image)],
    check: async (identity, image) => {
      checkIdentity(path, identity);
      const drive = practiceDrive(path, image);
      if (!drive.eligible) throw new AppError('usb.practiceStickOnly', { device: identity.device });
      return drive;
    },
  };
  const runner = (onMessage: (m: HelperMessage) => void): HelperRunner => {
    let cancelled = false;
    let settle!: (m: HelperMessage) => void;
    const finished = new Promise<HelperMessage>((resolve) => (settle = resolve));
    const send = (m: HelperMessage) => {
      onMessage(m);
      if (m.type === 'done' || m.type === 'cancelled' || m.type === 'failed') settle(m);
    };
    return {
      finished,
      start(request) {
        if (request.type === 'cancel') return;
        send({ type: 'ready', version: 1, pid: process.pid });
        void runJobOn(request, { cancelled: () => cancelled, send }, practiceTarget(path, request));
      },
      cancel() {
        cancelled = true;
      },
    };
  };
  return { path, lister, runner };
}
