import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { WriteProgress } from '../../shared/usb/helper-protocol';
import { chunks } from './block-io';
import { ProgressMeter } from './progress-meter';
import { Cancelled } from './write-image';

const run = promisify(execFile);

/**
 * Drops the device's cached pages (BLKFLSBUF via `blockdev --flushbufs`) so the read-back comes
 * from the stick, not from RAM — without it a verify proves nothing.
 */
export async function flushDeviceCache(device: string): Promise<void> {
  await run('blockdev', ['--flushbufs', device]);
}

/** sha256 of the first `size` bytes of the device, with progress. */
export async function readBack(device: FileHandle, devicePath: string, size: number, cancelled: () => boolean, onProgress: (p: WriteProgress) => void): Promise<{ sha256: string; seconds: number }> {
  const started = performance.now();
  await flushDeviceCache(devicePath);
  const hash = createHash('sha256');
  const meter = new ProgressMeter('verify', size, onProgress);
  meter.update(0, true);
  for await (const { position, data } of chunks(device, 0, size, 'device')) {
    if (cancelled()) throw new Cancelled();
    hash.update(data);
    meter.update(position + data.length);
  }
  meter.update(size, true);
  return { sha256: hash.digest('hex'), seconds: (performance.now() - started) / 1000 };
}

/** sha256 of the whole image file (for verifying a stick written earlier). */
export async function hashImage(image: FileHandle, size: number, cancelled: () => boolean): Promise<string> {
  const hash = createHash('sha256');
  for await (const { data } of chunks(image, 0, size, 'image')) {
    if (cancelled()) throw new Cancelled();
    hash.update(data);
  }
  return hash.digest('hex');
}
