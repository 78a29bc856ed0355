import { createReadStream } from 'node:fs';
import { access, mkdir, open, rename } from 'node:fs/promises';
import { constants } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { fsError } from './download-errors';
import { WorkerHasher } from './worker-hasher';
import { discardPart, readPartMeta, truncatePart, writePartMeta, type PartMeta, type PartPaths } from './part-file';

/** What the engine needs of a download to name and describe its part file. */
export interface PartOwner {
  id: string;
  kind: string;
  name: string;
  sha256?: string;
  sourceUrl: string;
  storableUrl?: string;
  version?: string;
  arch?: string;
  jobs: string[];
  quarantineDir: string;
}

/** The sidecar of a part, or a fresh one; a part whose expected checksum differs belongs to another file. */
export async function loadMeta(paths: PartPaths, spec: PartOwner): Promise<PartMeta> {
  const existing = await readPartMeta(paths.meta);
  const fresh: PartMeta = {
    version: 1,
    id: spec.id,
    kind: spec.kind,
    name: spec.name,
    url: spec.storableUrl,
    sourceUrl: spec.sourceUrl,
    sha256: spec.sha256,
    artifactVersion: spec.version,
    arch: spec.arch,
    jobs: spec.jobs,
    startedAt: new Date().toISOString(),
  };
  // Never mix the bytes of two different files.
  if (!existing || (existing.sha256 && spec.sha256 && existing.sha256 !== spec.sha256)) {
    await truncatePart(paths.part);
    return fresh;
  }
  return {
    ...existing,
    ...fresh,
    etag: existing.etag,
    lastModified: existing.lastModified,
    total: existing.total,
    startedAt: existing.startedAt,
    jobs: [...new Set([...existing.jobs, ...spec.jobs])],
  };
}

export async function saveMeta(paths: PartPaths, meta: PartMeta): Promise<PartMeta> {
  const clean = Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined)) as PartMeta;
  await writePartMeta(paths.meta, clean);
  return clean;
}

/** mkdir -p the cache folder, with a clear error for a full, read-only or forbidden disk. */
export async function prepareDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw fsError(err, dir, dir) ?? (await writabilityError(dir)) ?? err;
  }
}

/** Recursive mkdir reports ENOENT on a read-only mount: ask the nearest existing folder why. */
async function writabilityError(dir: string): Promise<AppError | undefined> {
  let probe = dir;
  while (dirname(probe) !== probe) {
    try {
      await access(probe, constants.F_OK);
      break;
    } catch {
      probe = dirname(probe);
    }
  }
  try {
    await access(probe, constants.W_OK);
    return undefined;
  } catch (err) {
    return fsError(err, probe, dir) ?? new AppError('artifacts.noPermission', { path: probe });
  }
}

export async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Moves a part that failed its checksum aside (never deleted: it is evidence) and returns where. */
export async function quarantinePart(paths: PartPaths, spec: PartOwner): Promise<string> {
  await mkdir(spec.quarantineDir, { recursive: true });
  const target = join(spec.quarantineDir, `${basename(paths.final)}.${new Date().toISOString().replace(/[:.]/g, '-')}`);
  await rename(paths.part, target);
  await discardPart(paths);
  return target;
}

/** Hashes the first `bytes` of a resumed part on the worker (1 MiB reads, constant memory). */
export async function hashPrefixOnWorker(path: string, bytes: number): Promise<WorkerHasher> {
  const hasher = new WorkerHasher();
  if (bytes <= 0) return hasher;
  const stream = createReadStream(path, { start: 0, end: bytes - 1, highWaterMark: 1024 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hasher.update(chunk);
      await hasher.waitForRoom();
    }
  } catch (err) {
    hasher.close();
    throw err;
  }
  return hasher;
}
