import { constants } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import { AppError } from '../../shared/api/errors';

/**
 * Opens the image the way a root process must: no symlinks (O_NOFOLLOW, and the real path must be
 * the path given, so no symlinked directory either), a regular file of exactly the announced size,
 * nothing under /dev, /proc or /sys, and — when started through pkexec — a file the requesting user
 * could read themselves, so the helper can't be used to copy a root-only file onto a stick.
 */
export async function openImage(path: string, expectedSize: number): Promise<FileHandle> {
  if (/^\/(dev|proc|sys)\//.test(path)) throw new AppError('usb.imageNotRegular');
  const real = await realpath(path);
  if (real !== path) throw new AppError('usb.imageSymlink');
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new AppError('usb.imageNotRegular');
    if (st.size !== expectedSize) throw new AppError('usb.imageChanged', { expected: expectedSize, actual: st.size });
    const requester = process.env.PKEXEC_UID === undefined ? undefined : Number(process.env.PKEXEC_UID);
    if (requester !== undefined && requester !== 0) {
      const readable = (st.mode & 0o004) !== 0 || (st.uid === requester && (st.mode & 0o400) !== 0);
      if (!readable) throw new AppError('usb.imageNotReadable');
    }
    return handle;
  } catch (err) {
    await handle.close();
    throw err;
  }
}
