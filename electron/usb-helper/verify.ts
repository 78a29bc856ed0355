import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import type { WriteProgress } from '../../shared/usb/helper-protocol';
import { firstPatchMismatch, overlayPatches, type ImagePatch } from '../../shared/usb/image-patches';
import { BLOCK_SIZE, chunks, readImage, type ImageReader } from './block-io';
import type { DeviceIo } from './device-io';
import { ProgressMeter } from './progress-meter';
import { Cancelled } from './write-image';

const run = promisify(execFile);

/**
 * Drops the device's cached pages (BLKFLSBUF via `blockdev --flushbufs`) so the read-back comes
 * from the stick, not from RAM — without it a buffered verify proves nothing. (Direct reads bypass
 * the cache anyway; the flush also covers the buffered fallback and the sector-unaligned tail.)
 */
export async function flushDeviceCache(device: string): Promise<void> {
  await run('blockdev', ['--flushbufs', device]);
}

export interface ReadBackPlan {
  size: number;
  /** The image's first bytes when they are not on the stick yet (a write holds its boot area back until verified) */
  head?: Buffer;
  /** Embed areas written in place of the source's bytes: each must be on the stick byte for byte… */
  patches: readonly ImagePatch[];
  /** …and is counted in the sha256 with the source's own bytes (same offsets), so the sum is the source's */
  originals: readonly ImagePatch[];
}

export interface ReadBack {
  sha256: string;
  /** Image offset of the first byte of an embed area that differs on the stick */
  areaMismatchAt?: number;
  seconds: number;
}

/**
 * Reads the stick back after flushing its cache and computes the sha256 the source image must
 * have: the embed areas are compared byte for byte and then counted with the source's bytes. One
 * pass, one hash: the only hash of a write whose source sha256 is known.
 */
export async function readBack(
  device: DeviceIo,
  devicePath: string,
  plan: ReadBackPlan,
  cancelled: () => boolean,
  onProgress: (p: WriteProgress) => void,
  flush: (devicePath: string) => Promise<void> = flushDeviceCache,
): Promise<ReadBack> {
  const started = performance.now();
  await flush(devicePath);
  const hash = createHash('sha256');
  const from = plan.head?.length ?? 0;
  if (plan.head) hash.update(plan.head);
  const meter = new ProgressMeter('verify', plan.size, onProgress);
  meter.update(from, true);
  let areaMismatchAt: number | undefined;
  const buffers: [Buffer, Buffer] = [await device.allocate(BLOCK_SIZE), await device.allocate(BLOCK_SIZE)];
  for await (const { position, data } of chunks((b, l, p) => device.readAt(b, l, p), buffers, from, plan.size)) {
    if (cancelled()) throw new Cancelled();
    if (plan.patches.length > 0) {
      areaMismatchAt ??= firstPatchMismatch(data, position, plan.patches);
      overlayPatches(data, position, plan.originals);
    }
    hash.update(data);
    meter.update(position + data.length);
  }
  meter.update(plan.size, true);
  return { sha256: hash.digest('hex'), ...(areaMismatchAt === undefined ? {} : { areaMismatchAt }), seconds: (performance.now() - started) / 1000 };
}

/** After the boot area was written: it must read back exactly as written. */
export async function bootAreaMatches(device: DeviceIo, devicePath: string, boot: Buffer, flush: (devicePath: string) => Promise<void> = flushDeviceCache): Promise<boolean> {
  await flush(devicePath);
  const back = await device.allocate(boot.length);
  await device.readAt(back, boot.length, 0);
  return back.subarray(0, boot.length).equals(boot);
}

/** sha256 of the whole image file (an image without a known sha256 is hashed before it is written). */
export async function hashImage(image: ImageReader, size: number, cancelled: () => boolean): Promise<string> {
  const hash = createHash('sha256');
  const buffers: [Buffer, Buffer] = [Buffer.allocUnsafeSlow(BLOCK_SIZE), Buffer.allocUnsafeSlow(BLOCK_SIZE)];
  for await (const { data } of chunks((b, l, p) => readImage(image, b, l, p), buffers, 0, size)) {
    if (cancelled()) throw new Cancelled();
    hash.update(data);
  }
  return hash.digest('hex');
}

/** The source's own bytes under each embed area (what the read-back counts in their place). */
export async function originalsOf(image: ImageReader, patches: readonly ImagePatch[]): Promise<ImagePatch[]> {
  return Promise.all(
    patches.map(async (p) => {
      const bytes = Buffer.alloc(p.bytes.length);
      await readImage(image, bytes, bytes.length, p.offset);
      return { offset: p.offset, bytes };
    }),
  );
}
