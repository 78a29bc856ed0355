import { readdir, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import { writeFileAtomic, fsyncDir } from '../fs/atomic-write';

export interface FolderFile {
  /** '/'-separated, relative */
  path: string;
  content: string;
}

/**
 * Writes a set of files as one folder that appears whole or not at all: everything goes into a
 * temporary sibling first, which then takes the folder's place. `replace` swaps out an existing
 * folder (the job's own export); otherwise the target must be missing or empty (a folder the
 * technician chose: nothing of theirs is ever overwritten).
 */
export async function writeFolder(target: string, files: readonly FolderFile[], options: { replace: boolean }): Promise<void> {
  const folder = resolve(target);
  const existing = await readdir(folder).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw writeFailed(folder, err);
  });
  if (existing && existing.length > 0 && !options.replace) throw new AppError('handoff.folderNotEmpty', { path: folder });
  const tmp = join(dirname(folder), `.${basename(folder)}.${randomBytes(5).toString('hex')}.tmp`);
  try {
    for (const f of files) {
      const path = resolve(tmp, ...f.path.split('/'));
      // the paths come from our own builder; this keeps a bad one from escaping the folder anyway
      if (!path.startsWith(tmp + sep)) throw new Error(`refusing path ${f.path}`);
      await writeFileAtomic(path, f.content, 0o644);
    }
    if (existing) await swapIn(folder, tmp, existing.length === 0);
    else await rename(tmp, folder);
    await fsyncDir(dirname(folder));
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err instanceof AppError ? err : writeFailed(folder, err as NodeJS.ErrnoException);
  }
}

async function swapIn(folder: string, tmp: string, empty: boolean): Promise<void> {
  if (empty) {
    await rmdir(folder);
    await rename(tmp, folder);
    return;
  }
  const old = `${tmp}.old`;
  await rename(folder, old);
  try {
    await rename(tmp, folder);
  } catch (err) {
    await rename(old, folder).catch(() => undefined);
    throw err;
  }
  await rm(old, { recursive: true, force: true });
}

function writeFailed(path: string, err: NodeJS.ErrnoException): AppError {
  return new AppError('handoff.writeFailed', { path, reason: err.code ?? err.message });
}
