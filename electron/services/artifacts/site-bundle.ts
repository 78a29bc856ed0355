import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import { fileNameFromUrl, type StreamArch } from '../../../shared/artifacts/rhcos-stream';
import { joinUrl } from '../../../shared/artifacts/openshift-install';
import type { BundleProgress, CachedArtifact, DownloadProgress, StreamSource } from '../../../shared/api/domains/artifacts';
import { RateWindow } from '../../../shared/artifacts/rate';
import type { DownloadQueue } from './artifact-store';
import { loadStream, type ClusterStreamReader } from './stream-source';
import { toAppError } from './to-app-error';

export interface SiteBundleRequest {
  versionOrChannel: string;
  arch: StreamArch;
  streamSource?: StreamSource;
  jobId?: string;
}

export interface SiteBundleDeps {
  service: DownloadQueue;
  rhcosBaseUrl: () => string;
  readCluster?: ClusterStreamReader;
  emit: (p: BundleProgress) => void;
  now?: () => number;
}

interface Bundle {
  progress: BundleProgress;
  current?: string;
  cancelled: boolean;
  paused: boolean;
  files: Map<string, { bytes: number; total?: number }>;
  rate: RateWindow;
}

const STEPS = ['installer', 'stream', 'iso'] as const;

/**
 * "Prepare for a site visit": openshift-install for this laptop, the stream metadata (by default
 * printed by that installer) and the RHCOS live ISO for the target architecture, verified, with
 * one combined progress for the whole set.
 */
export class SiteBundles {
  private readonly bundles = new Map<string, Bundle>();

  constructor(private readonly deps: SiteBundleDeps) {
    deps.service.subscribe((p) => this.onFileProgress(p));
  }

  list(): BundleProgress[] {
    return [...this.bundles.values()].map((b) => b.progress);
  }

  has(id: string): boolean {
    return this.bundles.has(id);
  }

  start(req: SiteBundleRequest): { bundleId: string; done: Promise<BundleProgress> } {
    const bundleId = `bundle-${randomUUID()}`;
    const bundle: Bundle = {
      progress: { bundleId, state: 'running', step: 'installer', stepIndex: 1, steps: STEPS.length, bytes: 0, rate: 0, arch: req.arch, artifacts: [] },
      cancelled: false,
      paused: false,
      files: new Map(),
      rate: new RateWindow(3000),
    };
    this.bundles.set(bundleId, bundle);
    this.deps.emit(bundle.progress);
    const done = this.run(bundle, req).then(
      () => this.set(bundle, { state: 'done', rate: 0, eta: undefined }),
      (err: unknown) => {
        const error = toAppError(err);
        return this.set(bundle, { state: bundle.cancelled || error.code === 'artifacts.cancelled' ? 'cancelled' : 'failed', rate: 0, eta: undefined, error: error.toWire() });
      },
    );
    return { bundleId, done };
  }

  pause(id: string): boolean {
    const b = this.bundles.get(id);
    if (!b || b.progress.state !== 'running') return false;
    b.paused = true;
    if (b.current) this.deps.service.pause(b.current);
    this.set(b, { state: 'paused', rate: 0, eta: undefined });
    return true;
  }

  async resume(id: string): Promise<boolean> {
    const b = this.bundles.get(id);
    if (!b || b.progress.state !== 'paused') return false;
    b.paused = false;
    if (b.current) await this.deps.service.resume(b.current);
    this.set(b, { state: 'running' });
    return true;
  }

  async cancel(id: string): Promise<boolean> {
    const b = this.bundles.get(id);
    if (!b) return false;
    b.cancelled = true;
    if (b.current) await this.deps.service.cancel(b.current).catch(() => undefined);
    return true;
  }

  private set(b: Bundle, patch: Partial<BundleProgress>): BundleProgress {
    b.progress = { ...b.progress, ...patch };
    for (const k of Object.keys(patch) as (keyof BundleProgress)[]) if (patch[k] === undefined) delete b.progress[k];
    this.deps.emit(b.progress);
    return b.progress;
  }

  private onFileProgress(p: DownloadProgress) {
    for (const b of this.bundles.values()) {
      if (b.current !== p.id || (b.progress.state !== 'running' && b.progress.state !== 'paused')) continue;
      b.files.set(p.id, { bytes: p.bytes, total: p.total });
      const bytes = [...b.files.values()].reduce((n, f) => n + f.bytes, 0);
      const totals = [...b.files.values()].map((f) => f.total);
      const total = totals.every((t) => t !== undefined) ? totals.reduce((n: number, t) => n + (t ?? 0), 0) : undefined;
      b.rate.add(this.deps.now?.() ?? Date.now(), bytes);
      const rate = p.state === 'downloading' ? b.rate.rate() : 0;
      this.set(b, { bytes, total, rate: Math.round(rate), eta: rate > 0 && total ? Math.round((total - bytes) / rate) : undefined });
    }
  }

  private async step<T>(b: Bundle, step: (typeof STEPS)[number], fn: () => Promise<T>): Promise<T> {
    if (b.cancelled) throw new AppError('artifacts.cancelled', { name: b.progress.bundleId });
    this.set(b, { step, stepIndex: STEPS.indexOf(step) + 1 });
    return fn();
  }

  private track(b: Bundle, id: string) {
    b.current = id;
    if (!b.files.has(id)) b.files.set(id, { bytes: 0 });
    if (b.paused) queueMicrotask(() => this.deps.service.pause(id));
  }

  private async run(b: Bundle, req: SiteBundleRequest): Promise<void> {
    const { service } = this.deps;
    const done = (a: CachedArtifact) => this.set(b, { artifacts: [...b.progress.artifacts, a.id] });
    const installer = await this.step(b, 'installer', () =>
      service.fetchInstaller(req.versionOrChannel, req.jobId, (info) => {
        this.track(b, `openshift-install/${info.fileName}`);
        this.set(b, { version: info.version });
      }),
    );
    done(installer);
    const stream = await this.step(b, 'stream', () => loadStream(req.streamSource ?? { type: 'installer', version: installer.version }, service, this.deps.readCluster, req.jobId));
    done(stream.artifact);
    this.set(b, { release: stream.parsed.release });
    const entry = stream.parsed.arches[req.arch];
    if (!entry) throw new AppError('artifacts.streamArchMissing', { stream: stream.parsed.stream, arch: req.arch });
    const name = fileNameFromUrl(entry.iso.location);
    const base = this.deps.rhcosBaseUrl();
    const url = base ? joinUrl(base, name) : entry.iso.location;
    const iso = await this.step(b, 'iso', () => {
      this.track(b, `rhcos-iso/${name}`);
      return service.download({ url, sha256: entry.iso.sha256, kind: 'rhcos-iso', name, version: entry.release, arch: req.arch, jobId: req.jobId });
    });
    done(iso);
    this.set(b, { release: entry.release });
  }
}
