import { readFile, readdir, rm, stat, statfs, copyFile, mkdir, rename } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { redact } from '../../../shared/redact';
import { safeFileName, fileNameFromUrl } from '../../../shared/artifacts/rhcos-stream';
import type { ArtifactKind, ArtifactsSettings, CachedArtifact, DownloadProgress } from '../../../shared/api/domains/artifacts';
import { fsyncDir } from '../fs/atomic-write';
import { CacheIndex } from './cache-index';
import { DownloadControl, defaultEngineOptions, runDownload, type EngineOptions, type EngineProgress } from './download-engine';
import { fsError } from './download-errors';
import { fileSize, hashFile, partPaths, readPartMeta, discardPart } from './part-file';
import type { ProxyEnv } from './proxy-env';
import { ArtifactsSettingsStore } from './artifacts-settings';
import { SiteBundles } from './site-bundle';
import { loadStream, type ClusterStreamReader, type LoadedStream } from './stream-source';
import { fetchInstaller } from './installer-fetch';
import type { BundleProgress, StreamSource } from '../../../shared/api/domains/artifacts';
import { checkLate, matchKnownChecksums, quarantineEntry, type KnownChecksum } from './late-checksum';

export interface DownloadRequest {
  url: string;
  sha256?: string;
  kind: ArtifactKind;
  /** File name in the cache; default: the URL's last path segment */
  name?: string;
  version?: string;
  arch?: string;
  jobId?: string;
  /** Download again even when a verified copy is cached */
  force?: boolean;
  /** Discovery ISO: called right before each attempt and again after a 403/expiry */
  refreshUrl?: () => Promise<{ url: string; expiresAt?: string }>;
  /** Extra CA certificates (PEM) for this download only, e.g. the cluster's ingress CA for its own downloads route */
  ca?: string[];
}

export interface AddLocalFileRequest {
  path: string;
  kind: ArtifactKind;
  name?: string;
  version?: string;
  arch?: string;
  jobId?: string;
  /** Move the file into the cache instead of copying it */
  move?: boolean;
  /** Where it came from, for the cache list (default: the file path) */
  sourceLabel?: string;
}

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

interface Task {
  id: string;
  name: string;
  kind: ArtifactKind;
  sourceUrl: string;
  control: DownloadControl;
  progress: DownloadProgress;
  promise: Promise<CachedArtifact>;
  jobs: Set<string>;
}

export function artifactId(kind: ArtifactKind, name: string): string {
  return `${kind}/${name}`;
}

/** The one way large files enter the app: see README "Downloads and the offline cache". */
export class ArtifactService {
  readonly index: CacheIndex;
  private readonly tasks = new Map<string, Task>();
  private readonly listeners = new Set<(p: DownloadProgress) => void>();
  private releaseAwake?: () => void;

  readonly settings: ArtifactsSettingsStore;
  readonly bundles: SiteBundles;
  readClusterStream?: ClusterStreamReader;

  constructor(private readonly options: ArtifactServiceOptions) {
    this.index = new CacheIndex(options.cacheDir);
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

  pathFor(kind: ArtifactKind, name: string): string {
    return join(this.cacheDir(), kind, name);
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
    const control = new DownloadControl();
    const task: Task = {
      id,
      name,
      kind: req.kind,
      sourceUrl,
      control,
      jobs: new Set(req.jobId ? [req.jobId] : []),
      progress: { id, name, kind: req.kind, bytes: 0, rate: 0, state: 'queued', sourceUrl },
      promise: Promise.resolve() as unknown as Promise<CachedArtifact>,
    };
    this.tasks.set(id, task);
    this.updateAwake();
    task.promise = this.runTask(task, req).finally(() => {
      this.tasks.delete(id);
      this.updateAwake();
    });
    // Callers that only watch events must not trigger unhandled rejections.
    task.promise.catch(() => undefined);
    return task.promise;
  }

  private async runTask(task: Task, req: DownloadRequest): Promise<CachedArtifact> {
    const sha256 = req.sha256?.toLowerCase();
    const cached = await this.usableCached(task.id, sha256, req.force);
    if (cached) {
      for (const job of task.jobs) await this.index.addJob(task.id, job);
      this.publish(task, { ...task.progress, bytes: cached.size, total: cached.size, state: 'done' });
      const entry = (await this.index.get(task.id)) ?? cached;
      this.tellJobs(task.jobs, entry);
      return entry;
    }
    const finalPath = this.pathFor(req.kind, task.name);
    const settingsCa = await this.extraCa();
    const ca = settingsCa || req.ca?.length ? [...(settingsCa ?? []), ...(req.ca ?? [])] : undefined;
    const engine: EngineOptions = {
      ...defaultEngineOptions,
      freeSpace: freeBytes,
      ...this.options.engine,
      ca,
      env: this.options.env ?? process.env,
    };
    const storable = redact(req.url) === req.url && !req.refreshUrl ? req.url : undefined;
    try {
      const result = await runDownload(
        {
          id: task.id,
          kind: req.kind,
          name: task.name,
          finalPath,
          quarantineDir: join(this.cacheDir(), 'quarantine'),
          sha256,
          sourceUrl: task.sourceUrl,
          storableUrl: storable,
          version: req.version,
          arch: req.arch,
          jobs: [...task.jobs],
          refreshable: Boolean(req.refreshUrl),
          getUrl: async () => (req.refreshUrl ? req.refreshUrl() : { url: req.url }),
        },
        engine,
        task.control,
        (p) => this.publish(task, toProgress(task, p)),
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
      await this.index.put(artifact);
      await rm(partPaths(finalPath).meta, { force: true });
      this.options.log?.('artifact verified', { id: task.id, size: result.size, sha256: result.sha256, transferred: result.transferred });
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

  /**
   * A cached copy that answers a request: any, when it asks for no checksum; else one whose
   * checksum matches — checked now if it was cached without one (a mismatch is quarantined and
   * the file downloaded again).
   */
  private async usableCached(id: string, sha256: string | undefined, force?: boolean): Promise<CachedArtifact | undefined> {
    const cached = await this.index.get(id);
    if (!cached || force || (await fileSize(cached.path)) !== cached.size) return undefined;
    if (!sha256) return cached;
    if (cached.checkedAgainstPublished) return cached.sha256 === sha256 ? cached : undefined;
    // a file that vanished meanwhile is simply downloaded again
    const outcome = await this.checkLate(cached, sha256).catch((err: unknown) => (err instanceof AppError ? err : new AppError('artifacts.fileMissing', { path: cached.path })));
    return outcome instanceof AppError ? undefined : outcome;
  }

  /**
   * The technician supplies the published sha256 of a cached file: a match marks it verified, a
   * mismatch quarantines it and fails with both hashes. A file already checked against a different
   * published value is left alone (the typed value is the likelier mistake).
   */
  async verifyChecksum(id: string, sha256: string): Promise<CachedArtifact> {
    const entry = await this.index.get(id);
    if (!entry) throw new AppError('artifacts.notInCache', { id });
    const expected = sha256.toLowerCase();
    if (entry.checkedAgainstPublished && entry.sha256 !== expected) throw new AppError('artifacts.checksumConflict', { name: entry.name, published: entry.sha256, given: expected });
    const outcome = await this.checkLate(entry, expected);
    if (outcome instanceof AppError) throw outcome;
    return outcome;
  }

  /** Published checksums that became known (the stream metadata): matching cached files not checked yet are verified or quarantined now. */
  async applyKnownChecksums(known: KnownChecksum[]): Promise<void> {
    for (const { entry, sha256 } of matchKnownChecksums(await this.index.all(), known)) {
      if (this.tasks.has(entry.id)) continue; // being downloaded again: the new file is checked on arrival
      await this.checkLate(entry, sha256).catch((err: unknown) => this.options.log?.('late checksum failed', { id: entry.id, error: String(err) }));
    }
  }

  private async checkLate(entry: CachedArtifact, sha256: string): Promise<CachedArtifact | AppError> {
    const outcome = await checkLate(this.index, join(this.cacheDir(), 'quarantine'), entry, sha256);
    this.options.log?.(outcome instanceof AppError ? 'cached file quarantined: late checksum differs' : 'cached file verified against a late checksum', { id: entry.id, sha256 });
    this.options.emitChanged?.(entry.id);
    return outcome;
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
    this.updateTaskbar();
  }

  private updateTaskbar() {
    const active = [...this.tasks.values()].filter((t) => t.progress.state !== 'paused');
    if (!this.options.setProgress) return;
    if (active.length === 0) return this.options.setProgress(-1);
    const total = active.reduce((n, t) => n + (t.progress.total ?? 0), 0);
    const bytes = active.reduce((n, t) => n + t.progress.bytes, 0);
    this.options.setProgress(total > 0 ? Math.min(1, bytes / total) : 2 /* indeterminate */);
  }

  private updateAwake() {
    if (this.tasks.size > 0 && !this.releaseAwake) this.releaseAwake = this.options.keepAwake?.('downloads') ?? (() => undefined);
    if (this.tasks.size === 0 && this.releaseAwake) {
      this.releaseAwake();
      this.releaseAwake = undefined;
      this.options.setProgress?.(-1);
    }
  }

  /** Running downloads plus unfinished parts found on disk (shown as paused, resumable). */
  async active(): Promise<DownloadProgress[]> {
    const list = [...this.tasks.values()].map((t) => t.progress);
    for (const meta of await this.pendingParts()) {
      if (this.tasks.has(meta.id)) continue;
      const bytes = Math.max(0, await fileSize(meta.partPath));
      list.push({ id: meta.id, name: meta.name, kind: meta.kind as ArtifactKind, bytes, total: meta.total, rate: 0, state: 'paused', sourceUrl: meta.sourceUrl });
    }
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
    void this.download({ url: meta.url, sha256: meta.sha256, kind: meta.kind as ArtifactKind, name: meta.name, version: meta.artifactVersion, arch: meta.arch }).catch(() => undefined);
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
      void this.download({ url: meta.url, sha256: meta.sha256, kind: meta.kind as ArtifactKind, name: meta.name, version: meta.artifactVersion, arch: meta.arch, jobId: meta.jobs[0] }).catch((err: unknown) =>
        this.options.log?.('resume failed', { id: meta.id, code: (err as AppError).code }),
      );
    }
    return resumed;
  }

  private async pendingParts() {
    const out: (NonNullable<Awaited<ReturnType<typeof readPartMeta>>> & { finalPath: string; partPath: string })[] = [];
    const root = this.cacheDir();
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

  /** Registers a file made on this laptop (e.g. a customised ISO): copied or moved into the cache and hashed. */
  async addLocalFile(req: AddLocalFileRequest): Promise<CachedArtifact> {
    try {
      await stat(req.path);
    } catch {
      throw new AppError('artifacts.localFileMissing', { path: req.path });
    }
    const name = safeFileName(req.name ?? basename(req.path));
    const id = artifactId(req.kind, name);
    const dest = this.pathFor(req.kind, name);
    await mkdir(join(this.cacheDir(), req.kind), { recursive: true });
    if (dest !== req.path) {
      const tmp = `${dest}.adding`;
      try {
        if (req.move) await rename(req.path, tmp).catch(() => copyFile(req.path, tmp));
        else await copyFile(req.path, tmp);
        await rename(tmp, dest);
        await fsyncDir(join(this.cacheDir(), req.kind));
      } catch (err) {
        await rm(tmp, { force: true });
        throw fsError(err, dest, this.cacheDir()) ?? err;
      }
      if (req.move) await rm(req.path, { force: true });
    }
    const { sha256, size } = await hashFile(dest);
    const previous = await this.index.get(id);
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
    await this.index.put(artifact);
    this.options.emitChanged?.(id);
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

  async reverify(id: string): Promise<CachedArtifact> {
    const entry = await this.index.get(id);
    if (!entry) throw new AppError('artifacts.notInCache', { id });
    let result: { sha256: string; size: number };
    try {
      result = await hashFile(entry.path);
    } catch {
      throw new AppError('artifacts.fileMissing', { path: entry.path });
    }
    if (result.sha256 !== entry.sha256 || result.size !== entry.size) {
      const quarantine = await quarantineEntry(this.index, join(this.cacheDir(), 'quarantine'), entry);
      this.options.emitChanged?.(id);
      throw new AppError('artifacts.checksumMismatch', { name: entry.name, expected: entry.sha256, actual: result.sha256, quarantine });
    }
    const updated = { ...entry, verifiedAt: new Date().toISOString() };
    await this.index.put(updated);
    this.options.emitChanged?.(id);
    return updated;
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
    let partial = 0;
    for (const p of await this.pendingParts()) partial += Math.max(0, await fileSize(p.partPath));
    await mkdir(cacheDir, { recursive: true }).catch(() => undefined);
    const free = await freeBytes(cacheDir).catch(() => 0);
    return { cacheDir, used, partial, free };
  }

  /** Cancels nothing: running downloads keep their parts and resume on the next start. */
  async dispose(): Promise<void> {
    for (const task of this.tasks.values()) task.control.pause();
    this.releaseAwake?.();
    this.releaseAwake = undefined;
  }
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

export async function freeBytes(dir: string): Promise<number> {
  const s = await statfs(dir);
  return Number(s.bavail) * Number(s.bsize);
}
