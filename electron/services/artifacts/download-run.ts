import { rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { RateWindow } from '../../../shared/artifacts/rate';
import { formatBytes } from '../../../shared/artifacts/format';
import type { DownloadState } from '../../../shared/api/domains/artifacts';
import { fsyncDir } from '../fs/atomic-write';
import { backoffMs } from '../net/backoff';
import type { Network, NetResponse } from '../net/network';
import { classifyNetworkError, exhausted, fsError, httpStatusFailure, type Failure } from './download-errors';
import type { DownloadControl } from './download-control';
import type { DownloadSpec, EngineOptions, EngineProgress, EngineResult } from './download-types';
import { hashPrefixOnWorker, loadMeta, prepareDir, quarantinePart, saveMeta, syncFile } from './download-files';
import { judgeResponse, resumeHeaders } from './download-response';
import { streamBody } from './download-body';
import type { WorkerHasher } from './worker-hasher';
import { discardPart, fileSize, partPaths, truncatePart, type PartMeta } from './part-file';

interface HashState {
  hasher: WorkerHasher;
  bytes: number;
}

/** One runDownload call: the attempt loop and the state it keeps between attempts. */
export class DownloadRun {
  private readonly paths;
  private readonly dir: string;
  private readonly rate = new RateWindow(3000);
  private meta!: PartMeta;
  private hash?: HashState;
  private bytes = 0;
  private state: DownloadState = 'connecting';
  private failures = 0;
  private forbiddenRefreshes = 0;
  private expiresAt?: string;
  private retryInMs?: number;
  private transferred = 0;

  constructor(
    private readonly spec: DownloadSpec,
    private readonly options: EngineOptions,
    private readonly control: DownloadControl,
    private readonly onProgress: (p: EngineProgress) => void,
    private readonly network: Network,
  ) {
    this.paths = partPaths(spec.finalPath);
    this.dir = dirname(spec.finalPath);
  }

  async run(): Promise<EngineResult> {
    await prepareDir(this.dir);
    this.meta = await loadMeta(this.paths, this.spec);
    this.bytes = Math.max(0, await fileSize(this.paths.part));
    const ticker = setInterval(() => this.emit(), this.options.progressIntervalMs);
    ticker.unref?.();
    try {
      while (!(await this.attempt()));
      return await this.publish();
    } catch (err) {
      if (this.control.cancelled) {
        await discardPart(this.paths);
        throw err instanceof AppError && err.code === 'artifacts.cancelled' ? err : new AppError('artifacts.cancelled', { name: this.spec.name });
      }
      throw err;
    } finally {
      clearInterval(ticker);
      this.dropHash();
    }
  }

  /** One connection; true once every byte is in the part. */
  private async attempt(): Promise<boolean> {
    if (this.control.paused) {
      this.setState('paused');
      await this.control.waitWhilePaused();
    }
    if (this.control.cancelled) throw new AppError('artifacts.cancelled', { name: this.spec.name });
    this.setState('connecting');
    const signal = this.control.attemptSignal();
    const url = await this.currentUrl();
    // What is on disk decides where we resume; a part without validators cannot be trusted.
    this.bytes = Math.max(0, await fileSize(this.paths.part));
    if (this.bytes > 0 && !this.meta.etag && !this.meta.lastModified) await this.restartFromZero();
    if (this.meta.total !== undefined && this.bytes > this.meta.total) await this.restartFromZero();
    let res: NetResponse;
    try {
      res = await this.network.request(url, {
        headers: resumeHeaders(this.bytes, this.meta),
        signal,
        headersTimeoutMs: this.options.connectTimeoutMs,
        bodyTimeoutMs: 0,
        ...(this.options.ca ? { ca: this.options.ca } : {}),
      });
    } catch (err) {
      if (!this.control.paused && !this.control.cancelled) await this.retryAfter(classifyNetworkError(err, url));
      return false;
    }
    return this.handle(res, url, signal);
  }

  private async currentUrl(): Promise<string> {
    try {
      const got = await this.spec.getUrl(this.forbiddenRefreshes > 0 ? 'forbidden' : this.failures > 0 ? 'retry' : 'start');
      this.expiresAt = got.expiresAt;
      return got.url;
    } catch (err) {
      if (err instanceof AppError) throw err;
      const f = classifyNetworkError(err, this.spec.sourceUrl);
      throw f.retry ? exhausted(f, this.spec.sourceUrl, this.failures + 1) : f.error;
    }
  }

  private async handle(res: NetResponse, url: string, signal: AbortSignal): Promise<boolean> {
    const verdict = judgeResponse(res.statusCode, res.headers, this.bytes, this.meta, this.spec.refreshable && this.forbiddenRefreshes < 2);
    if (verdict.kind !== 'write') await res.body.dump().catch(() => undefined);
    switch (verdict.kind) {
      case 'restart':
        await this.restartFromZero();
        this.meta = await saveMeta(this.paths, { ...this.meta, etag: undefined, lastModified: undefined, total: undefined });
        return false;
      case 'complete':
        this.meta.total = verdict.total;
        return true; // already complete: verify what we have
      case 'refresh':
        this.forbiddenRefreshes++;
        return false; // the discovery ISO URL expired: ask for a fresh one
      case 'status':
        await this.retryAfter(httpStatusFailure(verdict.status, url));
        return false;
      case 'write':
        if (verdict.truncate) await this.restartFromZero();
        this.meta = verdict.meta;
        return this.receive(res, verdict.from, url, signal);
    }
  }

  private async receive(res: NetResponse, from: number, url: string, signal: AbortSignal): Promise<boolean> {
    this.forbiddenRefreshes = 0;
    await this.checkFreeSpace((this.meta.total ?? 0) - from);
    this.meta = await saveMeta(this.paths, this.meta);
    if (!this.hash || this.hash.bytes !== from) {
      this.dropHash();
      this.setState('verifying');
      this.hash = { hasher: await hashPrefixOnWorker(this.paths.part, from), bytes: from };
    }
    this.setState('downloading');
    const before = this.bytes;
    const hash = this.hash;
    try {
      await streamBody(res.body, {
        path: this.paths.part,
        from,
        signal,
        stallTimeoutMs: this.options.stallTimeoutMs,
        hasher: hash.hasher,
        onBytes: (n) => {
          hash.bytes += n;
          this.bytes += n;
          this.transferred += n;
        },
        onFlushFailed: () => this.dropHash(),
      });
    } catch (err) {
      if (this.control.paused || this.control.cancelled) return false;
      const fsErr = fsError(err, this.paths.part, this.dir);
      if (fsErr) throw fsErr;
      await this.retryAfter(classifyNetworkError(err, url), this.bytes > before);
      return false;
    }
    if (this.meta.total !== undefined && this.bytes !== this.meta.total) {
      // Connection closed early without an error: resume like any drop.
      await this.retryAfter({ retry: true, reason: 'network', cause: 'short body' }, this.bytes > before);
      return false;
    }
    return true;
  }

  /** Size and checksum must match before the file gets its final name. */
  private async publish(): Promise<EngineResult> {
    this.setState('verifying');
    if (!this.hash || this.hash.bytes !== this.bytes) {
      this.dropHash();
      this.hash = { hasher: await hashPrefixOnWorker(this.paths.part, this.bytes), bytes: this.bytes };
    }
    const actual = await this.hash.hasher.digest();
    this.hash = undefined;
    const { total } = this.meta;
    if (total !== undefined && this.bytes !== total) throw new AppError('artifacts.sizeMismatch', { name: this.spec.name, expected: total, actual: this.bytes });
    if (this.spec.sha256 && actual !== this.spec.sha256) {
      const quarantine = await quarantinePart(this.paths, this.spec);
      throw new AppError('artifacts.checksumMismatch', { name: this.spec.name, expected: this.spec.sha256, actual, quarantine });
    }
    await syncFile(this.paths.part);
    await rename(this.paths.part, this.paths.final);
    await fsyncDir(this.dir);
    this.setState('done');
    return { path: this.paths.final, size: this.bytes, sha256: actual, checkedAgainstPublished: Boolean(this.spec.sha256), sizeChecked: total !== undefined, transferred: this.transferred };
  }

  /**
   * One failed attempt: a permanent failure is thrown; a transient one counts towards the limit
   * (reset first when the attempt made progress: the link works, keep trying) and waits a backoff.
   */
  private async retryAfter(failure: Failure, madeProgress = false): Promise<void> {
    if (!failure.retry) throw failure.error;
    if (madeProgress) this.failures = 0;
    this.failures++;
    if (this.failures >= this.options.maxAttempts) throw exhausted(failure, this.spec.sourceUrl, this.failures);
    this.retryInMs = backoffMs(this.failures, this.options.backoffBaseMs, this.options.backoffCapMs, this.options.random);
    this.setState('retrying');
    const sleep = this.options.sleep ?? ((ms: number) => this.control.sleep(ms));
    await sleep(this.retryInMs, new AbortController().signal);
  }

  private async checkFreeSpace(needed: number): Promise<void> {
    if (needed <= 0) return;
    let free: number;
    try {
      free = await this.options.freeSpace(this.dir);
    } catch {
      return; // unknown: the write itself will report ENOSPC
    }
    const wanted = needed + this.options.reserveBytes;
    if (free < wanted) throw new AppError('artifacts.diskFull', { dir: this.dir, needed: formatBytes(wanted), available: formatBytes(free) });
  }

  private async restartFromZero(): Promise<void> {
    await truncatePart(this.paths.part);
    this.bytes = 0;
    this.dropHash();
    this.rate.reset();
  }

  private dropHash(): void {
    this.hash?.hasher.close();
    this.hash = undefined;
  }

  private setState(next: DownloadState): void {
    this.state = next;
    this.emit();
  }

  private emit(): void {
    const downloading = this.state === 'downloading';
    this.rate.add(this.options.now(), this.bytes);
    this.onProgress({
      bytes: this.bytes,
      total: this.meta?.total,
      rate: downloading ? this.rate.rate() : 0,
      eta: downloading ? this.rate.eta(this.bytes, this.meta?.total) : undefined,
      state: this.state,
      attempt: this.failures > 0 ? this.failures + 1 : undefined,
      retryInMs: this.state === 'retrying' ? this.retryInMs : undefined,
      expiresAt: this.expiresAt,
    });
  }
}
