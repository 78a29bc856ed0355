import { join } from 'node:path';
import { redact } from '../../../shared/redact';
import type { ArtifactKind, CachedArtifact, DownloadProgress } from '../../../shared/api/domains/artifacts';
import { DownloadControl, runDownload, type EngineOptions, type EngineProgress } from './download-engine';
import type { DownloadRequest } from './artifact-store';

/** One running download; a second request for the same file joins it. */
export interface Task {
  id: string;
  name: string;
  kind: ArtifactKind;
  sourceUrl: string;
  control: DownloadControl;
  progress: DownloadProgress;
  promise: Promise<CachedArtifact>;
  jobs: Set<string>;
}

export function newTask(id: string, name: string, req: DownloadRequest, sourceUrl: string): Task {
  return {
    id,
    name,
    kind: req.kind,
    sourceUrl,
    control: new DownloadControl(),
    jobs: new Set(req.jobId ? [req.jobId] : []),
    progress: { id, name, kind: req.kind, bytes: 0, rate: 0, state: 'queued', sourceUrl },
    promise: Promise.resolve() as unknown as Promise<CachedArtifact>,
  };
}

/** Runs the engine for a task into `finalPath` and describes the verified file as a cache entry (not indexed yet). */
export async function downloadTask(
  task: Task,
  req: DownloadRequest,
  run: { finalPath: string; cacheDir: string; sha256?: string; engine: EngineOptions; onProgress: (p: DownloadProgress) => void },
): Promise<{ artifact: CachedArtifact; transferred: number }> {
  // a tokenised URL (discovery ISO) is never written to disk: such a part resumes only when its owner asks again
  const storable = redact(req.url) === req.url && !req.refreshUrl ? req.url : undefined;
  const result = await runDownload(
    {
      id: task.id,
      kind: req.kind,
      name: task.name,
      finalPath: run.finalPath,
      quarantineDir: join(run.cacheDir, 'quarantine'),
      sha256: run.sha256,
      sourceUrl: task.sourceUrl,
      storableUrl: storable,
      version: req.version,
      arch: req.arch,
      jobs: [...task.jobs],
      refreshable: Boolean(req.refreshUrl),
      getUrl: async () => (req.refreshUrl ? req.refreshUrl() : { url: req.url }),
    },
    run.engine,
    task.control,
    (p) => run.onProgress(toProgress(task, p)),
  );
  const artifact: CachedArtifact = {
    id: task.id,
    kind: req.kind,
    name: task.name,
    path: result.path,
    size: result.size,
    sha256: result.sha256,
    checkedAgainstPublished: result.checkedAgainstPublished,
    sizeChecked: result.sizeChecked,
    sourceUrl: task.sourceUrl,
    verifiedAt: new Date().toISOString(),
    jobs: [...task.jobs],
    ...(req.version ? { version: req.version } : {}),
    ...(req.arch ? { arch: req.arch } : {}),
  };
  return { artifact, transferred: result.transferred };
}

function toProgress(task: Task, p: EngineProgress): DownloadProgress {
  const out: DownloadProgress = { id: task.id, name: task.name, kind: task.kind, bytes: p.bytes, rate: Math.round(p.rate), state: p.state, sourceUrl: task.sourceUrl };
  if (p.total !== undefined) out.total = p.total;
  if (p.eta !== undefined) out.eta = Math.round(p.eta);
  if (p.attempt !== undefined) out.attempt = p.attempt;
  if (p.retryInMs !== undefined) out.retryInMs = p.retryInMs;
  if (p.expiresAt !== undefined) out.expiresAt = p.expiresAt;
  return out;
}
