import { readFile, rm, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { redact } from '../../../shared/redact';
import { safeFileName, fileNameFromUrl } from '../../../shared/artifacts/rhcos-stream';
import type { ArtifactKind, ArtifactsSettings, BundleProgress, CachedArtifact, DownloadProgress, StreamSource } from '../../../shared/api/domains/artifacts';
import { CacheIndex } from './cache-index';
import { defaultEngineOptions, type EngineOptions } from './download-engine';
import { fsError } from './download-errors';
import { partPaths, discardPart } from './part-file';
import type { ProxyEnv } from './proxy-env';
import { ArtifactsSettingsStore } from './artifacts-settings';
import { SiteBundles } from './site-bundle';
import { loadStream, type ClusterStreamReader, type LoadedStream } from './stream-source';
import { fetchInstaller } from './installer-fetch';
import type { KnownChecksum } from './late-checksum';
import { CacheChecks } from './cache-checks';
import { DownloadIndicators } from './download-indicators';
import type { AddLocalFileRequest, DownloadQueue, DownloadRequest } from './artifact-store';
import { artifactId } from './artifact-id';
import { findPendingParts, freeBytes, partialBytes, pausedProgress, resumeRequest } from './pending-parts';
import { addLocalFileTo } from './local-file';
import { downloadTask, newTask, type Task } from './download-task';

export type { AddLocalFileRequest, DownloadRequest } from './artifact-store';
export { artifactId } from './artifact-id';
export { freeBytes } from './pending-parts';

export interface ArtifactServiceOptions {
  cacheDir: () => string;
  /** Where artifacts-settings.json lives */
  dataDir: string;
  emitBundle?: (p: BundleProgress) => void;
  /** Reads ConfigMap openshift-machine-config-operator/coreos-bootimages key `stream` (wired to the cluster helper's KubeAccess) */
  readClusterStream?: ClusterStreamReader;
  emitProgress?: (p: DownloadProgress) => void;
  emitChanged?: (id?: string) => void;
  setProgress?: (fraction: number) => void;
  keepAwake?: (reason: string) => () => void;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
  /** Proxy environment (default process.env) */
  env?: ProxyEnv;
  engine?: Partial<EngineOptions>;
  /** A verified file was handed to a job (downloaded, found in the cache or added): the job's audit log records it */
  onJobArtifact?: (jobId: string, artifact: CachedArtifact) => void;
  /** Download sources forced for this run and never saved (practice mode: the practice mirror) */
  settingsOverrides?: Partial<ArtifactsSettings>;
}

/** The one way large files enter the app: see README "Downloads and the offline cache". */
export class ArtifactService implements DownloadQueue {
  readonly index: CacheIndex;
  private readonly tasks = new Map<string, Task>();
  private readonly listeners = new Set<(p: DownloadProgress) => void>();
  private readonly indicators: DownloadIndicators;
  private readonly checks: CacheChecks;

  readonly settings: ArtifactsSettingsStore;
  readonly bundles: SiteBundles;
  readClusterStream?: ClusterStreamReader;

  constructor(private readonly options: ArtifactServiceOptions) {
    this.index = new CacheIndex(options.cacheDir);
    this.indicators = new DownloadIndicators(options);
    this.checks = new CacheChecks({ index: this.index, cacheDir: options.cacheDir, isDownloading: (id) => this.tasks.has(id), emitChanged: options.emitChanged, log: options.log });
    this.settings = new ArtifactsSettingsStore(options.dataDir, options.settingsOverrides);
    this.readClusterStream = options.readClusterStream;
    this.bundles = new SiteBundles({
      service: this,
      rhcosBaseUrl: () => this.settings.get().rhcosBaseUrl,
      readCluster: (o) => {
        if (!this.readClusterStream) throw new AppError('artifacts.clusterStreamUnavailable');
        return this.readClusterStream(o);
      },
      emit: (p) => options.emitBundle?.(p),
    });
  }

  /** Parses and caches the RHCOS stream metadata from the cluster, a cached installer or a file. */
  loadStream(source: StreamSource, jobId?: string): Promise<LoadedStream> {
    return loadStream(source, this, this.readClusterStream, jobId);
  }

  /** openshift-install for this laptop from the configured mirror, verified against sha256sum.txt and unpacked. */
  async fetchInstaller(versionOrChannel: string, jobId?: string, onResolved?: (info: { version: string; fileName: string }) => void): Promise<CachedArtifact> {
    return fetchInstaller(this, { mirrorBaseUrl: this.settings.get().mirrorBaseUrl, versionOrChannel, jobId, onResolved, http: { env: this.options.env ?? process.env, ca: await this.extraCa() } });
  }

  private async extraCa(): Promise<string[] | undefined> {
    const caPath = this.settings.get().caBundlePath;
    if (!caPath) return undefined;
    try {
      return [await readFile(caPath, 'utf8')];
    } catch {
      throw new AppError('artifacts.localFileMissing', { path: caPath });
    }
  }

  cacheDir(): string {
    return this.options.cacheDir();
  }

  async list(): Promise<CachedArtifact[]> {
    return this.index.all();
  }

  async get(id: string): Promise<CachedArtifact | undefined> {
    return this.index.get(id);
  }

  /** The id a download request will have (for callers that start one and follow events). */
  idFor(kind: ArtifactKind, url: string, name?: string): string {
    return artifactId(kind, safeFileName(name ?? fileNameFromUrl(url)));
  }

  /** Downloads (or returns the cached, verified copy of) one file; a second request for the same file joins the first. */
  download(req: DownloadRequest): Promise<CachedArtifact> {
    const name = safeFileName(req.name ?? fileNameFromUrl(req.url));
    const id = artifactId(req.kind, name);
    const sourceUrl = redact(req.url);
    const running = this.tasks.get(id) ?? [...this.tasks.values()].find((t) => t.sourceUrl === sourceUrl && !req.refreshUrl);
    if (running) {
      if (req.jobId) running.jobs.add(req.jobId);
      if (running.control.paused) running.control.resume();
      return running.promise;
    }
    const task = newTask(id, name, req, sourceUrl);
    this.tasks.set(id, task);
    this.indicators.awake(this.tasks.size);
    task.promise = this.runTask(task, req).finally(() => {
      this.tasks.delete(id);
      this.indicators.awake(this.tasks.size);
    });
    // Callers that only watch events must not trigger unhandled rejections.
    task.promise.catch(() => undefined);
    return task.promise;
  }

  private async runTask(task: Task, req: DownloadRequest): Promise<CachedArtifact> {
    const sha256 = req.sha256?.toLowerCase();
    const cached = await this.checks.usableCached(task.id, sha256, req.force);
    if (cached) {
      for (const job of task.jobs) await this.index.addJob(task.id, job);
      this.publish(task, { ...task.progress, bytes: cached.size, total: cached.size, state: 'done' });
      const entry = (await this.index.get(task.id)) ?? cached;
      this.tellJobs(task.jobs, entry);
      return entry;
    }
    const finalPath = join(this.cacheDir(), req.kind, task.name);
    const settingsCa = await this.extraCa();
    const ca = settingsCa || req.ca?.length ? [...(settingsCa ?? []), ...(req.ca ?? [])] : undefined;
    const engine: EngineOptions = { ...defaultEngineOptions, freeSpace: freeBytes, ...this.options.engine, ca, env: this.options.env ?? process.env };
    try {
      const { artifact, transferred } = await downloadTask(task, req, { finalPath, cacheDir: this.cacheDir(), sha256, engine, onProgress: (p) => this.publish(task, p) });
      await this.index.put(artifact);
      await rm(partPaths(finalPath).meta, { force: true });
      this.options.log?.('artifact verified', { id: task.id, size: artifact.size, sha256: artifact.sha256, transferred });
      this.options.emitChanged?.(task.id);
      this.tellJobs(task.jobs, artifact);
      return artifact;
    } catch (err) {
      const error = err instanceof AppError ? err : (fsError(err, finalPath, this.cacheDir()) ?? new AppError('common.unexpected', { message: redact(String(err)) }));
      const cancelled = error.code === 'artifacts.cancelled';
      this.publish(task, { ...task.progress, rate: 0, eta: undefined, state: cancelled ? 'cancelled' : 'failed', error: error.toWire() });
      if (error.code === 'artifacts.checksumMismatch') this.options.emitChanged?.(task.id);
      this.options.log?.('download failed', { id: task.id, code: error.code });
      throw error;
    }
  }

  /** See CacheChecks.verifyChecksum */
  verifyChecksum(id: string, sha256: string): Promise<CachedArtifact> {
    return this.checks.verifyChecksum(id, sha256);
  }

  applyKnownChecksums(known: KnownChecksum[]): Promise<void> {
    return this.checks.applyKnownChecksums(known);
  }

  reverify(id: string): Promise<CachedArtifact> {
    return this.checks.reverify(id);
  }

  /** In-process progress listeners (the site bundle combines its files' progress). */
  subscribe(listener: (p: DownloadProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private publish(task: Task, progress: DownloadProgress) {
    task.progress = progress;
    this.options.emitProgress?.(progress);
    for (const l of this.listeners) l(progress);
    this.indicators.progress([...this.tasks.values()].map((t) => t.progress));
  }

  /** Running downloads plus unfinished parts found on disk (shown as paused, resumable). */
  async active(): Promise<DownloadProgress[]> {
    const list = [...this.tasks.values()].map((t) => t.progress);
    for (const meta of await this.pendingParts()) if (!this.tasks.has(meta.id)) list.push(await pausedProgress(meta));
    return list;
  }

  pause(id: string): boolean {
    const task = this.tasks.get(id);
    if (!task) throw new AppError('artifacts.notActive', { id });
    task.control.pause();
    this.publish(task, { ...task.progress, state: 'paused', rate: 0, eta: undefined });
    return true;
  }

  /** Resumes a paused download, or an unfinished part left from an earlier run (when its URL is storable). */
  async resume(id: string): Promise<boolean> {
    const task = this.tasks.get(id);
    if (task) {
      task.control.resume();
      return true;
    }
    const meta = (await this.pendingParts()).find((m) => m.id === id);
    if (!meta?.url) throw new AppError('artifacts.notActive', { id });
    void this.download(resumeRequest({ ...meta, url: meta.url })).catch(() => undefined);
    return true;
  }

  async cancel(id: string): Promise<boolean> {
    const task = this.tasks.get(id);
    if (task) {
      task.control.cancel();
      await task.promise.catch(() => undefined);
      return true;
    }
    const meta = (await this.pendingParts()).find((m) => m.id === id);
    if (!meta) throw new AppError('artifacts.notActive', { id });
    await discardPart(partPaths(meta.finalPath));
    this.options.emitProgress?.({ id, name: meta.name, kind: meta.kind as ArtifactKind, bytes: 0, rate: 0, state: 'cancelled', sourceUrl: meta.sourceUrl });
    return true;
  }

  /** On start-up: continue every unfinished download whose URL could be stored (tokenised URLs wait for their owner). */
  async resumePending(): Promise<string[]> {
    const resumed: string[] = [];
    for (const meta of await this.pendingParts()) {
      if (!meta.url || this.tasks.has(meta.id)) continue;
      resumed.push(meta.id);
      const req = resumeRequest({ ...meta, url: meta.url }, true);
      void this.download(req).catch((err: unknown) => this.options.log?.('resume failed', { id: meta.id, code: (err as AppError).code }));
    }
    return resumed;
  }

  private pendingParts() {
    return findPendingParts(this.cacheDir());
  }

  /** Registers a file made on this laptop (e.g. a customised ISO): copied or moved into the cache and hashed. */
  async addLocalFile(req: AddLocalFileRequest): Promise<CachedArtifact> {
    const artifact = await addLocalFileTo(this.index, this.cacheDir(), req);
    this.options.emitChanged?.(artifact.id);
    if (req.jobId) this.tellJobs([req.jobId], artifact);
    return artifact;
  }

  private tellJobs(jobs: Iterable<string>, artifact: CachedArtifact): void {
    for (const job of jobs) this.options.onJobArtifact?.(job, artifact);
  }

  /** Records extra facts about a cached entry (the unpacked installer binary). */
  async update(artifact: CachedArtifact): Promise<void> {
    await this.index.put(artifact);
    this.options.emitChanged?.(artifact.id);
  }

  async remove(id: string): Promise<boolean> {
    const task = this.tasks.get(id);
    if (task) throw new AppError('artifacts.inUse', { name: task.name });
    const entry = await this.index.get(id);
    if (!entry) return false;
    await this.index.remove(id);
    await rm(entry.path, { force: true });
    if (entry.unpackedPath) await rm(entry.unpackedPath, { force: true });
    this.options.emitChanged?.(id);
    return true;
  }

  async diskUse(): Promise<{ cacheDir: string; used: number; partial: number; free: number }> {
    const cacheDir = this.cacheDir();
    const used = (await this.index.all()).reduce((n, a) => n + a.size, 0);
    const partial = await partialBytes(await this.pendingParts());
    await mkdir(cacheDir, { recursive: true }).catch(() => undefined);
    const free = await freeBytes(cacheDir).catch(() => 0);
    return { cacheDir, used, partial, free };
  }

  /** Cancels nothing: running downloads keep their parts and resume on the next start. */
  async dispose(): Promise<void> {
    for (const task of this.tasks.values()) task.control.pause();
    this.indicators.release();
  }
}
