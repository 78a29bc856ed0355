import { open, type FileHandle } from 'node:fs/promises';
import { AppError } from '../../../shared/api/errors';
import type { ByteReader } from '../../../shared/iso/byte-reader';

/** A ByteReader over an open file: only the requested ranges are read. */
export function fileHandleReader(handle: FileHandle, size: number): ByteReader {
  return {
    size,
    async read(offset, length) {
      if (offset < 0 || offset + length > size) throw new AppError('iso.truncated', { expected: offset + length, actual: size });
      const buf = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(buf, done, length - done, offset + done);
        if (bytesRead === 0) throw new AppError('iso.truncated', { expected: offset + length, actual: offset + done });
        done += bytesRead;
      }
      return buf;
    },
  };
}

/** Opens `path` for reading (or read-write) as a regular file, with clear errors. */
export async function openIsoFile(path: string, flags: 'r' | 'r+' = 'r'): Promise<{ handle: FileHandle; reader: ByteReader; size: number }> {
  let handle: FileHandle;
  try {
    handle = await open(path, flags);
  } catch (err) {
    throw fileError(err, path);
  }
  const stat = await handle.stat();
  if (!stat.isFile()) {
    await handle.close();
    throw new AppError('iso.notAFile', { path });
  }
  return { handle, reader: fileHandleReader(handle, stat.size), size: stat.size };
}

export function fileError(err: unknown, path: string): AppError {
  if (err instanceof AppError) return err;
  const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
  if (code === 'ENOENT') return new AppError('iso.fileMissing', { path });
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new AppError('iso.noPermission', { path, code });
  if (code === 'ENOSPC' || code === 'EDQUOT') return new AppError('iso.diskFull', { path });
  if (code === 'EISDIR') return new AppError('iso.notAFile', { path });
  return new AppError('iso.ioError', { path, code });
}
