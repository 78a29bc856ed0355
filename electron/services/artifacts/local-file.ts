import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { redact } from '../../../shared/redact';
import { safeFileName } from '../../../shared/artifacts/rhcos-stream';
import type { CachedArtifact } from '../../../shared/api/domains/artifacts';
import { fsyncDir } from '../fs/atomic-write';
import type { CacheIndex } from './cache-index';
import { fsError } from './download-errors';
import { hashFile } from './part-file';
import type { AddLocalFileRequest } from './artifact-store';
import { artifactId } from './artifact-id';

/** Copies or moves a file made on this laptop into the cache (never half-written: via a temporary name), hashes it and indexes it. */
export async function addLocalFileTo(index: CacheIndex, cacheDir: string, req: AddLocalFileRequest): Promise<CachedArtifact> {
  try {
    await stat(req.path);
  } catch {
    throw new AppError('artifacts.localFileMissing', { path: req.path });
  }
  const name = safeFileName(req.name ?? basename(req.path));
  const id = artifactId(req.kind, name);
  const dir = join(cacheDir, req.kind);
  const dest = join(dir, name);
  await mkdir(dir, { recursive: true });
  if (dest !== req.path) {
    const tmp = `${dest}.adding`;
    try {
      if (req.move) await rename(req.path, tmp).catch(() => copyFile(req.path, tmp));
      else await copyFile(req.path, tmp);
      await rename(tmp, dest);
      await fsyncDir(dir);
    } catch (err) {
      await rm(tmp, { force: true });
      throw fsError(err, dest, cacheDir) ?? err;
    }
    if (req.move) await rm(req.path, { force: true });
  }
  const { sha256, size } = await hashFile(dest);
  const previous = await index.get(id);
  const jobs = new Set(previous?.jobs ?? []);
  if (req.jobId) jobs.add(req.jobId);
  const artifact: CachedArtifact = {
    id,
    kind: req.kind,
    name,
    path: dest,
    size,
    sha256,
    checkedAgainstPublished: false,
    // made or copied on this laptop: there is no transfer that could have been cut short
    sizeChecked: true,
    sourceUrl: redact(req.sourceLabel ?? `file://${req.path}`),
    verifiedAt: new Date().toISOString(),
    jobs: [...jobs],
    ...(req.version ? { version: req.version } : {}),
    ...(req.arch ? { arch: req.arch } : {}),
  };
  await index.put(artifact);
  return artifact;
}
