import type { FileHandle } from 'node:fs/promises';
import { AppError } from '../../shared/api/errors';
import { ShortWriteError } from './errors';

export const MiB = 1024 * 1024;
/** 4 MiB: large enough for full USB 3 speed, small enough for smooth progress and quick cancel. */
export const BLOCK_SIZE = 4 * MiB;
/** The boot area: MBR/GPT, the ISO's hybrid boot code and El Torito pointers all live in the first MiB. */
export const BOOT_AREA = MiB;

/** Reads exactly `length` bytes (block devices and files may return short reads). */
export async function readFull(handle: FileHandle, buffer: Buffer, length: number, position: number, what: 'image' | 'device'): Promise<void> {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) throw what === 'image' ? new AppError('usb.imageChanged', { expected: position + length, actual: position + done }) : new ShortWriteError(position + done);
    done += bytesRead;
  }
}

/** Writes exactly `length` bytes; a write that makes no progress means the device ended. */
export async function writeFull(handle: FileHandle, buffer: Buffer, length: number, position: number): Promise<void> {
  let done = 0;
  while (done < length) {
    const { bytesWritten } = await handle.write(buffer, done, length - done, position + done);
    if (bytesWritten === 0) throw new ShortWriteError(position + done);
    done += bytesWritten;
  }
}

/**
 * Reads [start, end) of a file or device in BLOCK_SIZE chunks, reading the next chunk while the
 * caller handles the current one (two buffers, so I/O overlaps with hashing and writing).
 */
export async function* chunks(handle: FileHandle, start: number, end: number, what: 'image' | 'device'): AsyncGenerator<{ position: number; data: Buffer }> {
  const buffers = [Buffer.allocUnsafe(BLOCK_SIZE), Buffer.allocUnsafe(BLOCK_SIZE)];
  let which = 0;
  const readAt = (position: number) => {
    const buffer = buffers[which]!;
    which ^= 1;
    const length = Math.min(BLOCK_SIZE, end - position);
    return readFull(handle, buffer, length, position, what).then(() => ({ position, data: buffer.subarray(0, length) }));
  };
  let next = start < end ? readAt(start) : undefined;
  while (next) {
    const current = await next;
    const following = current.position + current.data.length;
    // start reading the other buffer before handing this one out; the caller is done with the
    // buffer it got two steps ago because it awaited its write before asking for more
    next = following < end ? readAt(following) : undefined;
    next?.catch(() => undefined);
    yield current;
  }
}
