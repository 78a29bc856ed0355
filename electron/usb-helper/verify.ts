import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import type { WriteProgress } from '../../shared/usb/helper-protocol';
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

/** sha256 of the first `size` bytes of the device, with progress. */
export async function readBack(
  device: DeviceIo,
  devicePath: string,
  size: number,
  cancelled: () => boolean,
  onProgress: (p: WriteProgress) => void,
  flush: (devicePath: string) => Promise<void> = flushDeviceCache,
): Promise<{ sha256: string; seconds: number }> {
  const started = performance.now();
  await flush(devicePath);
  const hash = createHash('sha256');
  const meter = new ProgressMeter('verify', size, onProgress);
  meter.update(0, true);
  const buffers: [Buffer, Buffer] = [await device.allocate(BLOCK_SIZE), await device.allocate(BLOCK_SIZE)];
  for await (const { position, data } of chunks((b, l, p) => device.readAt(b, l, p), buffers, 0, size)) {
    if (cancelled()) throw new Cancelled();
    hash.update(data);
    meter.update(position + data.length);
  }
  meter.update(size, true);
  return { sha256: hash.digest('hex'), seconds: (performance.now() - started) / 1000 };
}

/** sha256 of the whole image file (for verifying a stick written earlier). */
export async function hashImage(image: ImageReader, size: number, cancelled: () => boolean): Promise<string> {
  const hash = createHash('sha256');
  const buffers: [Buffer, Buffer] = [Buffer.allocUnsafeSlow(BLOCK_SIZE), Buffer.allocUnsafeSlow(BLOCK_SIZE)];
  for await (const { data } of chunks((b, l, p) => readImage(image, b, l, p), buffers, 0, size)) {
    if (cancelled()) throw new Cancelled();
    hash.update(data);
  }
  return hash.digest('hex');
}
