import { AppError } from '../../shared/api/errors';
import { currentDeviceSize } from './system-probe';

export interface MappedError {
  code: string;
  params: Record<string, string | number | boolean>;
}

/** A write that returned 0 bytes: the device ended before the image did. */
export class ShortWriteError extends Error {
  readonly code = 'ENOSPC';
  constructor(readonly position: number) {
    super(`short write at byte ${position}`);
  }
}

/**
 * An I/O error often arrives a moment before the kernel notices the stick is gone (capacity 0,
 * then the device node disappears), so watch the size for a short while before calling it a
 * failing stick rather than a pulled one.
 */
async function shrinks(device: string, expectedSize: number, waitMs = 1500): Promise<boolean> {
  const until = Date.now() + waitMs;
  for (;;) {
    if ((await currentDeviceSize(device)) < expectedSize) return true;
    if (Date.now() >= until) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Turns what the kernel said into something a technician can act on. ENOSPC is ambiguous: a stick
 * that was pulled reports capacity 0 before it disappears, so we look at the device size again and
 * say "unplugged" rather than "too small" when it shrank below what we checked at the start.
 */
export async function mapIoError(err: unknown, ctx: { device: string; expectedSize: number; stage: 'open' | 'write' | 'read' | 'image' }): Promise<MappedError> {
  if (err instanceof AppError) return { code: err.code, params: err.params };
  const errno = (err as NodeJS.ErrnoException)?.code;
  const device = ctx.device;
  if (ctx.stage === 'image') {
    if (errno === 'ENOENT') return { code: 'usb.imageMissing', params: {} };
    if (errno === 'EACCES' || errno === 'EPERM') return { code: 'usb.imageNotReadable', params: {} };
    if (errno === 'ELOOP') return { code: 'usb.imageSymlink', params: {} };
    return { code: 'usb.imageReadFailed', params: { reason: errno ?? String(err) } };
  }
  // whatever the kernel said, a device that shrank or vanished under us was unplugged
  if (ctx.stage !== 'open' && errno !== 'EBUSY' && errno !== 'EACCES' && errno !== 'EPERM' && (await shrinks(device, ctx.expectedSize))) {
    return { code: 'usb.deviceGone', params: { device } };
  }
  switch (errno) {
    case 'EBUSY':
      return { code: 'usb.deviceInUse', params: { device } };
    case 'ENXIO':
    case 'ENODEV':
    case 'ENOENT':
      return { code: 'usb.deviceGone', params: { device } };
    case 'EIO':
      return { code: 'usb.ioError', params: { device } };
    case 'ENOSPC':
      return { code: 'usb.tooSmall', params: { device } };
    case 'EACCES':
    case 'EPERM':
      return { code: 'usb.permissionDenied', params: { device } };
    case 'EROFS':
      return { code: 'usb.refusedReadOnly', params: { device } };
    default:
      return { code: 'usb.writeFailed', params: { device, reason: errno ?? (err instanceof Error ? err.message : String(err)) } };
  }
}
