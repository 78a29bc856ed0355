import { AppError } from '../../shared/api/errors';
import type { WritePhase, WriteProgress } from '../../shared/usb/helper-protocol';
import { BOOT_AREA, readImage, MiB, type ImageReader } from './block-io';
import { BlockHasher } from './block-hasher';
import { pipeBlocks } from './block-pipeline';
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
/**
 * Blocks of 8 MiB, 4 in flight: a queue of several lets the device copy one block while the worker
 * hashes another and the next is read. Measured on a loop device against 4/2, 8/2, 8/6, 16/2, 16/4
 * and 32/3 (block MiB / slots): 16 MiB and up were slower, the rest within the shared machine's
 * noise (docs/benchmarks.md). At a stick's 40 MB/s a block is 0.2 s, so progress and cancel stay prompt.
 */
const WRITE_BLOCK = 8 * MiB;
const WRITE_SLOTS = 4;

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
 * Returns the sha256 of the bytes written (hashed on a worker while writing, in image order).
 */
export async function writeImage(image: ImageReader, device: DeviceIo, size: number, expectedSha256: string | undefined, io: WriteIo, state: WriteState): Promise<{ sha256: string; seconds: number }> {
  const started = performance.now();
  const bootLength = Math.min(BOOT_AREA, size);
  io.onPhase('clearing');
  await clearBootArea(device, size, state);
  if (io.cancelled()) throw new Cancelled();

  const boot = await device.allocate(bootLength);
  await readImage(image, boot, bootLength, 0);

  io.onPhase('writing');
  const meter = new ProgressMeter('write', size, io.onProgress);
  meter.update(0, true);
  const slots = await Promise.all(Array.from({ length: WRITE_SLOTS }, () => device.allocate(WRITE_BLOCK, { shared: true })));
  // the boot area is hashed first (image order) but written last
  slots[0]!.set(boot);
  const hasher = new BlockHasher(slots);
  let sha256: string;
  try {
    await hasher.update(0, bootLength);
    const finished = await pipeBlocks(
      {
        slots,
        hasher,
        blockSize: WRITE_BLOCK,
        read: (b, l, p) => readImage(image, b, l, p),
        write: (data, position) => device.writeAt(data, position),
        stop: io.cancelled,
        onWritten: (upTo) => meter.update(upTo - bootLength),
        ...(device.direct ? {} : { syncEvery: { bytes: SYNC_EVERY, sync: () => device.handle.datasync() } }),
      },
      bootLength,
      size,
    );
    if (!finished) throw new Cancelled();
    sha256 = await hasher.digest();
  } finally {
    await hasher.close();
  }
  io.onPhase('syncing');
  await device.sync();
  if (expectedSha256 && sha256 !== expectedSha256) throw new AppError('usb.imageCorrupt', { expected: expectedSha256, actual: sha256 });
  if (io.cancelled()) throw new Cancelled();
  await device.writeAt(boot, 0);
  await device.sync();
  state.bootAreaCleared = false;
  meter.update(size, true);
  return { sha256, seconds: (performance.now() - started) / 1000 };
}
