import { AppError } from '../../shared/api/errors';

export const MiB = 1024 * 1024;
/** 4 MiB: large enough for full USB 3 speed, small enough for smooth progress and quick cancel. */
export const BLOCK_SIZE = 4 * MiB;
/** The boot area: MBR/GPT, the ISO's hybrid boot code and El Torito pointers all live in the first MiB. */
export const BOOT_AREA = MiB;

/** What the writer needs from the image file: positional reads (a FileHandle fits too). */
export interface ImageReader {
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
}

/** Reads exactly `length` bytes of the image (a file may return short reads; EOF early = the file shrank). */
export async function readImage(handle: ImageReader, buffer: Buffer, length: number, position: number): Promise<void> {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) throw new AppError('usb.imageChanged', { expected: position + length, actual: position + done });
    done += bytesRead;
  }
}

export type ReadAt = (buffer: Buffer, length: number, position: number) => Promise<void>;

/**
 * Reads [start, end) in BLOCK_SIZE chunks, reading the next chunk while the caller handles the
 * current one (two buffers, so I/O overlaps with hashing and writing). The caller must be done
 * with a chunk (its write awaited) before asking for the next one.
 */
export async function* chunks(read: ReadAt, buffers: [Buffer, Buffer], start: number, end: number): AsyncGenerator<{ position: number; data: Buffer }> {
  let which = 0;
  const readAt = (position: number) => {
    const buffer = buffers[which]!;
    which ^= 1;
    const length = Math.min(BLOCK_SIZE, end - position);
    return read(buffer, length, position).then(() => ({ position, data: buffer.subarray(0, length) }));
  };
  let next = start < end ? readAt(start) : undefined;
  while (next) {
    const current = await next;
    const following = current.position + current.data.length;
    next = following < end ? readAt(following) : undefined;
    next?.catch(() => undefined);
    yield current;
  }
}
