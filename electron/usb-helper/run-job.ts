import { stat } from 'node:fs/promises';
import { AppError } from '../../shared/api/errors';
import type { HelperMessage, VerifyRequest, WritePhase, WriteProgress, WriteRequest } from '../../shared/usb/helper-protocol';
import { decodePatches, PatchError, type ImagePatch } from '../../shared/usb/image-patches';
import { checkDriveForWrite } from './drive-guard';
import { openDeviceIo, type DeviceIo } from './device-io';
import { ejectDrive } from './eject';
import { mapIoError } from './errors';
import { openImage, type ImageFile } from './image-source';
import { invokingUser } from './invoking-user';
import { mountsOf, unmountAll } from './unmount';
import { bootAreaMatches, flushDeviceCache, hashImage, originalsOf, readBack, type ReadBack } from './verify';
import { Cancelled, clearBootArea, writeBootArea, writeImageBody, type BootArea, type WriteState } from './write-image';

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
  const onProgress = (progress: WriteProgress) => ctx.send({ type: 'progress', progress });
  let image: ImageFile | undefined;
  let target: DeviceIo | undefined;
  let stage: 'image' | 'open' | 'write' | 'read' = 'image';
  try {
    phase('checking');
    image = await on.openImage();
    const patches = patchesOf(request);
    // the sha256 the stick must read back as: the known one, or the image's own, taken before anything is written
    const sha256 = request.expectedSha256 ?? (await hashImage(image, request.imageSize, ctx.cancelled));
    const originals = await originalsOf(image, patches);
    stage = 'open';
    target = await on.open(phase);

    let writeSeconds = 0;
    let boot: BootArea | undefined;
    if (request.type === 'write') {
      stage = 'write';
      const started = performance.now();
      boot = await writeImageBody(image, target, request.imageSize, patches, { cancelled: ctx.cancelled, onPhase: phase, onProgress }, state);
      writeSeconds = (performance.now() - started) / 1000;
    }

    phase('verifying');
    stage = 'read';
    const verified = await readBack(target, device, { size: request.imageSize, ...(boot ? { head: boot.source } : {}), patches, originals }, ctx.cancelled, onProgress, on.flush);
    if (verified.sha256 !== sha256 || verified.areaMismatchAt !== undefined) {
      // the stick keeps (or gets) a cleared boot area: a stick that fails verification must not be used by mistake
      if (request.type === 'write' && !state.bootAreaCleared) await clearBootArea(target, request.imageSize, state).catch(() => undefined);
      throw await whyNotVerified(image, request, sha256, verified, ctx.cancelled);
    }

    let verifySeconds = verified.seconds;
    if (boot) {
      phase('bootArea');
      verifySeconds += await makeBootable(target, device, request.imageSize, boot, state, on.flush, sha256);
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
      result: {
        bytes: request.imageSize,
        sha256,
        readBackSha256: verified.sha256,
        matchedExpected: request.expectedSha256 === sha256,
        ...(patches.length > 0 ? { areasChecked: patches.length } : {}),
        ejected,
        writeSeconds,
        verifySeconds,
      },
    });
  } catch (err) {
    if (err instanceof Cancelled) {
      // a write's boot area is only written once verified, so a cancel at any point leaves it cleared
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

/** The last step of a verified write: the real first MiB, synced and read back. Returns its seconds. */
async function makeBootable(target: DeviceIo, device: string, size: number, boot: BootArea, state: WriteState, flush: JobTarget['flush'], sha256: string): Promise<number> {
  const started = performance.now();
  await writeBootArea(target, boot.onStick, state);
  if (!(await bootAreaMatches(target, device, boot.onStick, flush))) {
    await clearBootArea(target, size, state).catch(() => undefined);
    throw new AppError('usb.verifyFailed', { device, expected: sha256, actual: 'boot area' });
  }
  return (performance.now() - started) / 1000;
}

function patchesOf(request: WriteRequest | VerifyRequest): ImagePatch[] {
  try {
    return decodePatches(request.patches ?? [], request.imageSize);
  } catch (err) {
    throw new AppError('usb.protocolError', { reason: err instanceof PatchError ? err.message : 'bad patches' });
  }
}

/**
 * The read-back did not give the sha256 the stick must have. Was it the stick or the image? The
 * image is hashed again to tell: a cache file damaged since it was verified, or changed while it
 * was written, is the image's fault (download it again); otherwise the stick is unreliable.
 */
async function whyNotVerified(image: ImageFile, request: WriteRequest | VerifyRequest, sha256: string, verified: ReadBack, cancelled: () => boolean): Promise<AppError> {
  const device = request.identity.device;
  if (verified.areaMismatchAt !== undefined) return new AppError('usb.verifyFailed', { device, expected: sha256, actual: `offset ${verified.areaMismatchAt}` });
  const now = await hashImage(image, request.imageSize, cancelled);
  if (now !== sha256) return new AppError('usb.imageCorrupt', { expected: sha256, actual: now });
  return new AppError('usb.verifyFailed', { device, expected: sha256, actual: verified.sha256 });
}
