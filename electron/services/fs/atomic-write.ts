import { copyFile, link, open, rename, mkdir, rm } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Writes a file so that a crash at any moment leaves either the old content or the new content,
 * never a half-written file: write a temporary sibling, fsync it, rename over the target, fsync
 * the folder so the rename itself survives a power cut. With `keepPrevious`, the content being
 * replaced stays available under that name, so a file damaged later can be restored.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600, options: { keepPrevious?: string } = {}): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(tmp, 'w', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await handle.close();
  try {
    if (options.keepPrevious) await keepCurrentAs(path, options.keepPrevious);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await fsyncDir(dir);
}

/**
 * Points `previous` at the file's current content before it is replaced: a hard link (the old
 * content was itself written and fsynced by this function), or a copy where links are not
 * supported. Both land under a temporary name first, so `previous` is always complete.
 */
async function keepCurrentAs(path: string, previous: string): Promise<void> {
  const tmp = join(dirname(previous), `.${basename(previous)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await link(path, tmp).catch(async (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') throw err;
      await copyFile(path, tmp);
    });
    await rename(tmp, previous);
  } catch (err) {
    await rm(tmp, { force: true });
    // First save: there is nothing to keep yet.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

export async function fsyncDir(dir: string): Promise<void> {
  // Not every platform lets you open a directory (Windows); the rename is still atomic there.
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* best effort */
  }
}

/** Appends one line and fsyncs it, for audit logs that must survive a crash right after an action. */
export async function appendLineDurable(path: string, line: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const handle = await open(path, 'a', 0o600);
  try {
    await handle.write(`${line}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
