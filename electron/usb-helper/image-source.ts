import { closeSync, constants, fstatSync, lstatSync, read, close, openSync, realpathSync } from 'node:fs';
import { AppError } from '../../shared/api/errors';
import type { ImageReader } from './block-io';
import { asUser, type InvokingUser } from './invoking-user';

/** The opened image: positional reads on the descriptor opened (and checked) in openImage. */
export class ImageFile implements ImageReader {
  constructor(private readonly fd: number) {}

  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }> {
    return new Promise((resolve, reject) => read(this.fd, buffer, offset, length, position, (err, bytesRead) => (err ? reject(err) : resolve({ bytesRead }))));
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => close(this.fd, (err) => (err ? reject(err) : resolve())));
  }
}

// O_NONBLOCK: opening a FIFO must not hang the helper (it is refused below as not a regular file)
const FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY;

/**
 * Opens the image the way a root process must. When started through pkexec, the path is resolved
 * and the file opened *with the requesting user's uid, gid and groups*, so the kernel itself
 * decides: every folder on the way must let that user through, the file must be readable to them
 * (ACLs and LSM rules included) — the helper can't be used to copy another user's or root's file
 * onto a stick. The check is the open itself, so there is nothing to race. On top: no symlinks
 * (O_NOFOLLOW, and the real path must be the path given), the path must still name the opened file
 * (same st_dev/st_ino), a regular file of exactly the announced size, nothing under /dev, /proc or /sys.
 * (The app cannot hand over a descriptor it opened itself: pkexec marks every descriptor above 2
 * close-on-exec, and stdin is the request channel.)
 */
export function openImage(path: string, expectedSize: number, user?: InvokingUser): ImageFile {
  if (/^\/(dev|proc|sys)\//.test(path)) throw new AppError('usb.imageNotRegular');
  const fd = user ? asUser(user, () => openResolved(path)) : openResolved(path);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new AppError('usb.imageNotRegular');
    if (st.size !== expectedSize) throw new AppError('usb.imageChanged', { expected: expectedSize, actual: st.size });
    return new ImageFile(fd);
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}

/** realpath, open and the identity check, all with the same credentials (so no existence oracle either). */
function openResolved(path: string): number {
  if (realpathSync(path) !== path) throw new AppError('usb.imageSymlink');
  const fd = openSync(path, FLAGS);
  try {
    const opened = fstatSync(fd);
    const named = lstatSync(path);
    if (opened.dev !== named.dev || opened.ino !== named.ino || realpathSync(path) !== path) throw new AppError('usb.imageReplaced');
    return fd;
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}
