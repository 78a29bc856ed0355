import { stat } from 'node:fs/promises';
import { AppError } from '../../shared/api/errors';
import type { HelperMessage, VerifyRequest, WritePhase, WriteRequest } from '../../shared/usb/helper-protocol';
import { checkDriveForWrite } from './drive-guard';
import { openDeviceIo, type DeviceIo } from './device-io';
import { ejectDrive } from './eject';
import { mapIoError } from './errors';
import { openImage, type ImageFile } from './image-source';
import { invokingUser } from './invoking-user';
import { mountsOf, unmountAll } from './unmount';
import { flushDeviceCache, hashImage, readBack } from './verify';
import { Cancelled, clearBootArea, writeImage, type WriteState } from './write-image';

export interface JobContext {
  testAllowDevices: readonly string[];
  /** The helper's environment: PKEXEC_UID names the user the image must be readable by. */
  env: NodeJS.ProcessEnv;
  cancelled: () => boolean;
  send: (message: HelperMessage) => void;
}

/**
 * Where a job writes: how the image and the target are opened, how the target's cache is dropped
 * before the read-back, and how it is ejected. The helper's is the real stick (below); practice
 * mode's is a file (electron/practice/practice-stick.ts). The write and the verify are the same code.
 */
export interface JobTarget {
  openImage(): Promise<ImageFile>;
  /** Opens the target exclusively after every check; `phase` reports what it is doing */
  open(phase: (p: WritePhase) => void): Promise<DeviceIo>;
  flush(device: string): Promise<void>;
  eject(device: string): Promise<boolean>;
}

/** Opens the whole disk exclusively: EBUSY here means a file system on it is still mounted or another program holds it. */
async function openExclusive(device: string, expectedRdev: number): Promise<DeviceIo> {
  let io: DeviceIo;
  try {
    io = await openDeviceIo(device);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EBUSY') {
      const mounts = await mountsOf(device);
      throw mounts.length > 0 ? new AppError('usb.stillMounted', { device, mounts: mounts.join(', ') }) : new AppError('usb.deviceInUse', { device });
    }
    throw err;
  }
  const st = await io.handle.stat();
  if (!st.isBlockDevice() || st.rdev !== expectedRdev) {
    await io.close();
    throw new AppError('usb.identityChanged', { device, field: 'device' });
  }
  return io;
}

/** The real stick: the image opened as the invoking user, the drive re-checked, unmounted and opened exclusively. */
function stickTarget(request: WriteRequest | VerifyRequest, ctx: JobContext): JobTarget {
  const device = request.identity.device;
  const check = () => checkDriveForWrite(request.identity, { path: request.image, size: request.imageSize }, { testAllowDevices: ctx.testAllowDevices });
  return {
    openImage: async () => openImage(request.image, request.imageSize, await invokingUser(ctx.env)),
    async open(phase) {
      const before = await stat(device);
      await check();
      if (ctx.cancelled()) throw new Cancelled();
      if (request.type === 'write') phase('unmounting');
      if (request.type === 'write') await unmountAll(device);
      const target = await openExclusive(device, before.rdev);
      try {
        // checked again while we hold the device exclusively: nothing can be mounted or swapped in now
        await check();
      } catch (err) {
        await target.close().catch(() => undefined);
        throw err;
      }
      return target;
    },
    flush: flushDeviceCache,
    eject: ejectDrive,
  };
}

/** One write (or verify-only) job on a real stick, start to finish; always ends with exactly one final message. */
export function runJob(request: WriteRequest | VerifyRequest, ctx: JobContext): Promise<void> {
  return runJobOn(request, ctx, stickTarget(request, ctx));
}

/** The write and verify of one job on a target; always ends with exactly one final message. */
export async function runJobOn(request: WriteRequest | VerifyRequest, ctx: Pick<JobContext, 'cancelled' | 'send'>, on: JobTarget): Promise<void> {
  const device = request.identity.device;
  const state: WriteState = { bootAreaCleared: false };
  const phase = (p: WritePhase) => ctx.send({ type: 'phase', phase: p });
  let image: ImageFile | undefined;
  let target: DeviceIo | undefined;
  let stage: 'image' | 'open' | 'write' | 'read' = 'image';
  try {
    phase('checking');
    image = await on.openImage();
    stage = 'open';
    target = await on.open(phase);

    let sha256: string;
    let writeSeconds = 0;
    if (request.type === 'write') {
      stage = 'write';
      const written = await writeImage(
        image,
        target,
        request.imageSize,
        request.expectedSha256,
        { cancelled: ctx.cancelled, onPhase: phase, onProgress: (progress) => ctx.send({ type: 'progress', progress }) },
        state,
      );
      sha256 = written.sha256;
      writeSeconds = written.seconds;
    } else {
      sha256 = await hashImage(image, request.imageSize, ctx.cancelled);
      if (request.expectedSha256 && sha256 !== request.expectedSha256) throw new AppError('usb.imageCorrupt', { expected: request.expectedSha256, actual: sha256 });
    }

    phase('verifying');
    stage = 'read';
    const verified = await readBack(target, device, request.imageSize, ctx.cancelled, (progress) => ctx.send({ type: 'progress', progress }), on.flush);
    if (verified.sha256 !== sha256) {
      // a stick that fails verification must not be used by mistake: make it plainly unbootable
      if (request.type === 'write') await clearBootArea(target, request.imageSize, state).catch(() => undefined);
      throw new AppError('usb.verifyFailed', { device, expected: sha256, actual: verified.sha256 });
    }
    await target.close();
    target = undefined;

    let ejected = false;
    if (request.type === 'write' && request.eject) {
      phase('ejecting');
      ejected = await on.eject(device);
    }
    ctx.send({
      type: 'done',
      result: { bytes: request.imageSize, sha256, readBackSha256: verified.sha256, matchedExpected: request.expectedSha256 === sha256, ejected, writeSeconds, verifySeconds: verified.seconds },
    });
  } catch (err) {
    if (err instanceof Cancelled) {
      // cancelled during verify: the image is complete and would boot, so clear it as promised
      if (target && request.type === 'write' && !state.bootAreaCleared) await clearBootArea(target, request.imageSize, state).catch(() => undefined);
      ctx.send({ type: 'cancelled', bootAreaCleared: state.bootAreaCleared });
    } else {
      const mapped = await mapIoError(err, { device, expectedSize: request.identity.size, stage });
      ctx.send({ type: 'failed', code: mapped.code, params: mapped.params, bootAreaCleared: state.bootAreaCleared });
    }
  } finally {
    await target?.close().catch(() => undefined);
    await image?.close().catch(() => undefined);
  }
}
