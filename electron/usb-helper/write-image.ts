import { createHash } from 'node:crypto';
import { AppError } from '../../shared/api/errors';
import type { WritePhase, WriteProgress } from '../../shared/usb/helper-protocol';
import { BLOCK_SIZE, BOOT_AREA, chunks, readImage, MiB, type ImageReader } from './block-io';
import type { DeviceIo } from './device-io';
import { ProgressMeter } from './progress-meter';

export interface WriteState {
  /** true while the first MiB on the stick is zeros and not yet the image's: the stick can't boot */
  bootAreaCleared: boolean;
}

export interface WriteIo {
  cancelled: () => boolean;
  onPhase: (phase: WritePhase) => void;
  onProgress: (progress: WriteProgress) => void;
}

/** fsync this often so progress reflects the stick rather than a cache (buffered fallback). */
const SYNC_EVERY = 64 * MiB;

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/** Zeros the boot area and syncs: from then on an interrupted stick is plainly not bootable. */
export async function clearBootArea(device: DeviceIo, size: number, state: WriteState): Promise<void> {
  const length = Math.min(BOOT_AREA, size);
  const zeros = (await device.allocate(length)).fill(0);
  await device.writeAt(zeros, 0);
  await device.sync();
  state.bootAreaCleared = true;
}

/**
 * coreos-installer's order: clear the first MiB, write everything after it, sync, and only then
 * write the real first MiB — so a cancel, a pulled stick or a crash never leaves a stick that
 * looks bootable but isn't, and an image whose sha256 doesn't match never becomes bootable at all.
 * Returns the sha256 of the bytes written (hashed while writing, in image order).
 */
export async function writeImage(image: ImageReader, device: DeviceIo, size: number, expectedSha256: string | undefined, io: WriteIo, state: WriteState): Promise<{ sha256: string; seconds: number }> {
  const started = performance.now();
  const bootLength = Math.min(BOOT_AREA, size);
  io.onPhase('clearing');
  await clearBootArea(device, size, state);
  if (io.cancelled()) throw new Cancelled();

  const hash = createHash('sha256');
  const boot = await device.allocate(bootLength);
  await readImage(image, boot, bootLength, 0);
  hash.update(boot);

  io.onPhase('writing');
  const meter = new ProgressMeter('write', size, io.onProgress);
  meter.update(0, true);
  let lastSync = 0;
  const buffers: [Buffer, Buffer] = [await device.allocate(BLOCK_SIZE), await device.allocate(BLOCK_SIZE)];
  for await (const { position, data } of chunks((b, l, p) => readImage(image, b, l, p), buffers, bootLength, size)) {
    if (io.cancelled()) throw new Cancelled();
    // the write runs on libuv's thread pool while this thread hashes the same (read-only) bytes
    const writing = device.writeAt(data, position);
    hash.update(data);
    await writing;
    const written = position + data.length;
    if (!device.direct && written - lastSync >= SYNC_EVERY) {
      await device.handle.datasync();
      lastSync = written;
    }
    meter.update(written - bootLength);
  }
  io.onPhase('syncing');
  await device.sync();
  const sha256 = hash.digest('hex');
  if (expectedSha256 && sha256 !== expectedSha256) throw new AppError('usb.imageCorrupt', { expected: expectedSha256, actual: sha256 });
  if (io.cancelled()) throw new Cancelled();
  await device.writeAt(boot, 0);
  await device.sync();
  state.bootAreaCleared = false;
  meter.update(size, true);
  return { sha256, seconds: (performance.now() - started) / 1000 };
}
