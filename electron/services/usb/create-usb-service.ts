import type { EventBus } from '../events/event-bus';
import type { Clock } from '../clock';
import type { JobStore } from '../jobs/job-store';
import type { Logger } from '../logging/logger';
import type { WriteStatus } from '../../../shared/api/domains/usb';
import { formatSize } from '../../../shared/usb/format';
import { createDriveLister, type DriveLister } from './drive-lister';
import { defaultHelperProgram, type HelperProgram } from './helper-launcher';
import { UsbService, type ArtifactSource, type SelfInstallPlanner, type UsbServiceOptions } from './usb-service';

/**
 * Construction-time options. Deliberately not settings and not part of the contract: nothing
 * the UI sends can switch on the test allowance for loop devices.
 */
export interface UsbBackendOptions {
  /** Test-only: loop devices (/dev/loopN) that stand in for USB sticks. */
  testAllowDevices?: string[];
  /** Eject after a verified write (default true). */
  eject?: boolean;
  /** How to run the helper (tests use the esbuild bundle); default: defaultHelperProgram(). */
  helperProgram?: HelperProgram;
  watchHotplug?: boolean;
  /** Practice mode: the practice stick is the only drive, written by this runner (never a real device) */
  practice?: { lister: DriveLister; runner: UsbServiceOptions['runner'] };
}

/** A job remembers which stick got which image (data.usb.writes) and the audit log says so. */
async function recordInJob(jobs: JobStore, jobId: string, status: WriteStatus): Promise<void> {
  const entry = {
    at: status.finishedAt ?? status.startedAt,
    state: status.state,
    device: status.device,
    byId: status.byId,
    driveName: status.driveName,
    driveSize: status.driveSize,
    imagePath: status.imagePath,
    imageName: status.imageName,
    sha256: status.result?.sha256,
    readBackSha256: status.result?.readBackSha256,
    matchedExpected: status.result?.matchedExpected,
    bytes: status.result?.bytes,
    verified: status.state === 'done',
    errorCode: status.error?.code,
    bootAreaCleared: status.bootAreaCleared,
    // the technician confirmed a drive that carried these warnings (site report: overridden warnings)
    ...(status.driveWarnings?.length ? { overrides: status.driveWarnings.map((w) => ({ code: w === 'large' ? 'usbLargeDrive' : 'usbMountedDrive', params: { drive: status.driveName } })) } : {}),
  };
  await jobs.updateData<{ writes?: unknown[] } | undefined>(jobId, 'usb', (current) => ({ ...(current ?? {}), writes: [...(current?.writes ?? []), entry] }));
  await jobs.appendAudit(jobId, {
    action: 'usb.write',
    summary: `USB write ${status.state}: ${status.imageName} -> ${status.driveName} (${formatSize(status.driveSize)}, ${status.byId ?? status.device})`,
    details: entry,
  });
}

export function createUsbService(
  deps: { bus: EventBus; jobs: JobStore; logger: Logger; clock: Clock; artifacts?: ArtifactSource; selfInstall?: SelfInstallPlanner },
  options: UsbBackendOptions = {},
): UsbService {
  return new UsbService({
    lister: options.practice?.lister ?? createDriveLister(process.platform, { testAllowDevices: options.testAllowDevices }),
    ...(options.practice ? { runner: options.practice.runner } : {}),
    launch: () => ({ program: options.helperProgram ?? defaultHelperProgram(), testAllowDevices: options.testAllowDevices }),
    clock: deps.clock,
    logger: deps.logger,
    emitDrivesChanged: () => deps.bus.emit('usb.drivesChanged', { at: new Date(deps.clock.now()).toISOString() }),
    emitWriteChanged: (status) => deps.bus.emit('usb.writeChanged', status),
    artifacts: () => deps.artifacts,
    selfInstall: () => deps.selfInstall,
    recordInJob: (jobId, status) => recordInJob(deps.jobs, jobId, status),
    eject: options.eject,
    watchHotplug: options.practice ? false : options.watchHotplug,
  });
}
