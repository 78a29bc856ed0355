import { readdir, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArtifactKind, DownloadProgress } from '../../../shared/api/domains/artifacts';
import { fileSize, readPartMeta, type PartMeta } from './part-file';
import type { DownloadRequest } from './artifact-store';

export type PendingPart = PartMeta & { finalPath: string; partPath: string };

/** Unfinished downloads left in the cache (a `.part` with its `.part.json`), e.g. from an earlier run. */
export async function findPendingParts(root: string): Promise<PendingPart[]> {
  const out: PendingPart[] = [];
  let kinds: string[];
  try {
    kinds = await readdir(root);
  } catch {
    return out;
  }
  for (const kind of kinds) {
    if (kind === 'quarantine') continue;
    let files: string[];
    try {
      files = await readdir(join(root, kind));
    } catch {
      continue;
    }
    for (const f of files.filter((x) => x.endsWith('.part.json'))) {
      const meta = await readPartMeta(join(root, kind, f));
      if (!meta) continue;
      const finalPath = join(root, kind, f.slice(0, -'.part.json'.length));
      out.push({ ...meta, finalPath, partPath: `${finalPath}.part` });
    }
  }
  return out;
}

/** An unfinished part as the downloads list shows it: paused, resumable. */
export async function pausedProgress(meta: PendingPart): Promise<DownloadProgress> {
  const bytes = Math.max(0, await fileSize(meta.partPath));
  return { id: meta.id, name: meta.name, kind: meta.kind as ArtifactKind, bytes, total: meta.total, rate: 0, state: 'paused', sourceUrl: meta.sourceUrl };
}

/** The request that continues a part (only parts whose URL could be stored have one). */
export function resumeRequest(meta: PendingPart & { url: string }, withJob = false): DownloadRequest {
  return { url: meta.url, sha256: meta.sha256, kind: meta.kind as ArtifactKind, name: meta.name, version: meta.artifactVersion, arch: meta.arch, ...(withJob ? { jobId: meta.jobs[0] } : {}) };
}

export async function partialBytes(parts: PendingPart[]): Promise<number> {
  let partial = 0;
  for (const p of parts) partial += Math.max(0, await fileSize(p.partPath));
  return partial;
}

export async function freeBytes(dir: string): Promise<number> {
  const s = await statfs(dir);
  return Number(s.bavail) * Number(s.bsize);
}
