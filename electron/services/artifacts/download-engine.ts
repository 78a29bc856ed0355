import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, open, rename } from 'node:fs/promises';
import { constants } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { AppError } from '../../../shared/api/errors';
import { RateWindow } from '../../../shared/artifacts/rate';
import { formatBytes } from '../../../shared/artifacts/format';
import type { DownloadState } from '../../../shared/api/domains/artifacts';
import { fsyncDir } from '../fs/atomic-write';
import { httpGet } from './http-client';
import type { ProxyEnv } from './proxy-env';
import { backoffMs, classifyNetworkError, exhausted, fsError, httpStatusFailure, type Failure } from './download-errors';
import { WorkerHasher } from './worker-hasher';
import { discardPart, fileSize, partPaths, readPartMeta, truncatePart, writePartMeta, type PartMeta, type PartPaths } from './part-file';

export interface EngineOptions {
  ca?: string[];
  env?: ProxyEnv;
  /** Consecutive failed attempts (without any new byte) before giving up */
  maxAttempts: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  /** No byte for this long = stalled connection: drop it and resume */
  stallTimeoutMs: number;
  connectTimeoutMs: number;
  progressIntervalMs: number;
  /** Bytes kept free on the disk beyond the download itself */
  reserveBytes: number;
  freeSpace: (dir: string) => Promise<number>;
  now: () => number;
  random?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export const defaultEngineOptions: Omit<EngineOptions, 'freeSpace'> = {
  maxAttempts: 8,
  backoffBaseMs: 1000,
  backoffCapMs: 30_000,
  stallTimeoutMs: 30_000,
  connectTimeoutMs: 30_000,
  progressIntervalMs: 250,
  reserveBytes: 64 * 1024 * 1024,
  now: () => Date.now(),
};

export interface DownloadSpec {
  id: string;
  kind: string;
  name: string;
  finalPath: string;
  quarantineDir: string;
  /** Expected sha256 (lowercase hex), when published */
  sha256?: string;
  sourceUrl: string;
  /** A URL that is safe to store for resuming after a restart (none for tokenised URLs) */
  storableUrl?: string;
  version?: string;
  arch?: string;
  jobs: string[];
  /** Called before every attempt; a discovery ISO asks the Assisted service for a fresh URL here. */
  getUrl: (reason: 'start' | 'retry' | 'forbidden') => Promise<{ url: string; expiresAt?: string }>;
  /** Whether getUrl can produce a different URL after a 403 */
  refreshable: boolean;
}

export interface EngineProgress {
  bytes: number;
  total?: number;
  rate: number;
  eta?: number;
  state: DownloadState;
  attempt?: number;
  retryInMs?: number;
  expiresAt?: string;
}

export interface EngineResult {
  path: string;
  size: number;
  sha256: string;
  checkedAgainstPublished: boolean;
  /** The server announced the size and exactly that many bytes arrived (false: no Content-Length, so a cut is invisible) */
  sizeChecked: boolean;
  /** Bytes received over the network in this run (including bytes thrown away on restarts) */
  transferred: number;
}

/** Pause/resume/cancel handle shared by the engine and the UI. */
export class DownloadControl {
  paused = false;
  cancelled = false;
  private attempt?: AbortController;
  private wake?: () => void;

  attemptSignal(): AbortSignal {
    this.attempt = new AbortController();
    return this.attempt.signal;
  }

  pause(): void {
    if (this.cancelled) return;
    this.paused = true;
    this.attempt?.abort(new PauseSignal());
  }

  resume(): void {
    this.paused = false;
    this.wake?.();
  }

  cancel(): void {
    this.cancelled = true;
    this.attempt?.abort(new PauseSignal());
    this.wake?.();
  }

  async waitWhilePaused(): Promise<void> {
    while (this.paused && !this.cancelled) await new Promise<void>((r) => (this.wake = r));
  }

  /** Sleeps for a backoff, but wakes at once on cancel/pause. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const signal = this.attemptSignal();
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done);
    });
  }
}

class PauseSignal extends Error {
  constructor() {
    super('paused or cancelled');
    this.name = 'PauseSignal';
  }
}

interface HashState {
  hasher: WorkerHasher;
  bytes: number;
}

/** Hashes the first `bytes` of a resumed part on the worker (1 MiB reads, constant memory). */
async function hashPrefixOnWorker(path: string, bytes: number): Promise<WorkerHasher> {
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

function parseContentRange(value: string | undefined): { start: number; end: number; total?: number } | { unsatisfied: true; total?: number } | null {
  if (!value) return null;
  const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(value.trim());
  if (m) return { start: Number(m[1]), end: Number(m[2]), total: m[3] === '*' ? undefined : Number(m[3]) };
  const u = /^bytes \*\/(\d+)$/.exec(value.trim());
  if (u) return { unsatisfied: true, total: Number(u[1]) };
  return null;
}

function header(res: IncomingMessage, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Downloads one file to `<final>.part` with a sidecar, resuming with Range + If-Range, hashing as
 * the bytes stream past (a resumed part's prefix is re-hashed once), and renaming to the final
 * name only when size and checksum match. See docs/architecture.md and the README section
 * "Downloads and the offline cache" for the guarantees.
 */
export async function runDownload(spec: DownloadSpec, options: EngineOptions, control: DownloadControl, onProgress: (p: EngineProgress) => void): Promise<EngineResult> {
  const paths = partPaths(spec.finalPath);
  const dir = dirname(spec.finalPath);
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw fsError(err, dir, dir) ?? (await writabilityError(dir)) ?? err;
  }
  const rate = new RateWindow(3000);
  const sleep = options.sleep ?? ((ms: number) => control.sleep(ms));
  let meta = await loadMeta(paths, spec);
  let hashState: HashState | undefined;
  let bytes = Math.max(0, await fileSize(paths.part));
  let state: DownloadState = 'connecting';
  let failures = 0;
  let forbiddenRefreshes = 0;
  let expiresAt: string | undefined;
  let retryInMs: number | undefined;
  let transferred = 0;

  const emit = () => {
    rate.add(options.now(), bytes);
    onProgress({
      bytes,
      total: meta.total,
      rate: state === 'downloading' ? rate.rate() : 0,
      eta: state === 'downloading' ? rate.eta(bytes, meta.total) : undefined,
      state,
      attempt: failures > 0 ? failures + 1 : undefined,
      retryInMs: state === 'retrying' ? retryInMs : undefined,
      expiresAt,
    });
  };
  const setState = (next: DownloadState) => {
    state = next;
    emit();
  };
  const ticker = setInterval(emit, options.progressIntervalMs);
  ticker.unref?.();

  const dropHash = () => {
    hashState?.hasher.close();
    hashState = undefined;
  };
  const restartFromZero = async () => {
    await truncatePart(paths.part);
    bytes = 0;
    dropHash();
    rate.reset();
  };

  try {
    for (;;) {
      if (control.paused) {
        setState('paused');
        await control.waitWhilePaused();
      }
      if (control.cancelled) throw new AppError('artifacts.cancelled', { name: spec.name });
      setState('connecting');
      const signal = control.attemptSignal();
      let url: string;
      try {
        const got = await spec.getUrl(forbiddenRefreshes > 0 ? 'forbidden' : failures > 0 ? 'retry' : 'start');
        url = got.url;
        expiresAt = got.expiresAt;
      } catch (err) {
        throw err instanceof AppError ? err : classifyToError(classifyNetworkError(err, spec.sourceUrl), spec.sourceUrl, failures + 1);
      }

      // What is on disk decides where we resume; a part without validators cannot be trusted.
      bytes = Math.max(0, await fileSize(paths.part));
      if (bytes > 0 && !meta.etag && !meta.lastModified) await restartFromZero();
      if (meta.total !== undefined && bytes > meta.total) await restartFromZero();
      const validator = meta.etag ?? meta.lastModified;
      const headers: Record<string, string> = {};
      if (bytes > 0 && validator) {
        headers.range = `bytes=${bytes}-`;
        headers['if-range'] = validator;
      }

      let res: IncomingMessage;
      try {
        res = await httpGet(url, { headers, ca: options.ca, env: options.env, signal, connectTimeoutMs: options.connectTimeoutMs });
      } catch (err) {
        if (control.paused || control.cancelled) continue;
        await retryAfter(classifyNetworkError(err, url));
        continue;
      }

      const status = res.statusCode ?? 0;
      const etag = header(res, 'etag');
      const lastModified = header(res, 'last-modified');
      let writeFrom: number;
      if (status === 206) {
        const range = parseContentRange(header(res, 'content-range'));
        const changed = (meta.etag && etag && etag !== meta.etag) || (!meta.etag && meta.lastModified && lastModified && lastModified !== meta.lastModified);
        if (!range || 'unsatisfied' in range || range.start !== bytes || changed) {
          // The server sent a different range or a different file: start over on the next request.
          res.destroy();
          await restartFromZero();
          meta = await saveMeta(paths, { ...meta, etag: undefined, lastModified: undefined, total: undefined });
          continue;
        }
        if (range.total !== undefined) meta.total = range.total;
        writeFrom = bytes;
      } else if (status === 200) {
        if (bytes > 0) await restartFromZero(); // Range ignored, or If-Range said the file changed
        const length = header(res, 'content-length');
        meta.total = length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined;
        meta.etag = etag && !/^W\//.test(etag) ? etag : undefined; // weak ETags are not valid for If-Range
        meta.lastModified = lastModified;
        writeFrom = 0;
      } else if (status === 416) {
        res.resume();
        const range = parseContentRange(header(res, 'content-range'));
        const total = range && 'unsatisfied' in range ? range.total : undefined;
        if (total !== undefined && total === bytes && bytes > 0) {
          meta.total = total;
          break; // already complete: verify what we have
        }
        await restartFromZero();
        meta = await saveMeta(paths, { ...meta, etag: undefined, lastModified: undefined, total: undefined });
        continue;
      } else {
        res.resume();
        if ((status === 403 || status === 401) && spec.refreshable && forbiddenRefreshes < 2) {
          forbiddenRefreshes++;
          continue; // the discovery ISO URL expired: ask for a fresh one
        }
        await retryAfter(httpStatusFailure(status, url));
        continue;
      }
      forbiddenRefreshes = 0;

      await checkFreeSpace(dir, (meta.total ?? 0) - writeFrom);
      meta = await saveMeta(paths, meta);
      if (!hashState || hashState.bytes !== writeFrom) {
        dropHash();
        setState('verifying');
        hashState = { hasher: await hashPrefixOnWorker(paths.part, writeFrom), bytes: writeFrom };
      }
      setState('downloading');
      const before = bytes;
      try {
        await streamBody(res, writeFrom, signal);
      } catch (err) {
        if (control.paused || control.cancelled) continue;
        const fsErr = fsError(err, paths.part, dir);
        if (fsErr) throw fsErr;
        await retryAfter(classifyNetworkError(err, url), bytes > before);
        continue;
      }
      if (meta.total !== undefined && bytes !== meta.total) {
        // Connection closed early without an error: resume like any drop.
        await retryAfter({ retry: true, reason: 'network', cause: 'short body' }, bytes > before);
        continue;
      }
      break;
    }

    // Verify and publish: size and checksum must match before the file gets its final name.
    setState('verifying');
    if (!hashState || hashState.bytes !== bytes) {
      dropHash();
      hashState = { hasher: await hashPrefixOnWorker(paths.part, bytes), bytes };
    }
    const actual = await hashState.hasher.digest();
    hashState = undefined;
    if (meta.total !== undefined && bytes !== meta.total) {
      throw new AppError('artifacts.sizeMismatch', { name: spec.name, expected: meta.total, actual: bytes });
    }
    if (spec.sha256 && actual !== spec.sha256) {
      const quarantine = await quarantinePart(paths, spec);
      throw new AppError('artifacts.checksumMismatch', { name: spec.name, expected: spec.sha256, actual, quarantine });
    }
    await syncFile(paths.part);
    await rename(paths.part, paths.final);
    await fsyncDir(dir);
    setState('done');
    return { path: paths.final, size: bytes, sha256: actual, checkedAgainstPublished: Boolean(spec.sha256), sizeChecked: meta.total !== undefined, transferred };
  } catch (err) {
    if (control.cancelled) {
      await discardPart(paths);
      throw err instanceof AppError && err.code === 'artifacts.cancelled' ? err : new AppError('artifacts.cancelled', { name: spec.name });
    }
    throw err;
  } finally {
    clearInterval(ticker);
    dropHash();
  }

  /**
   * One failed attempt: a permanent failure is thrown; a transient one counts towards the limit
   * (reset first when the attempt made progress: the link works, keep trying) and waits a backoff.
   */
  async function retryAfter(failure: Failure, madeProgress = false) {
    if (!failure.retry) throw failure.error;
    if (madeProgress) failures = 0;
    failures++;
    if (failures >= options.maxAttempts) throw exhausted(failure, spec.sourceUrl, failures);
    await backoff();
  }

  async function backoff() {
    retryInMs = backoffMs(failures, options.backoffBaseMs, options.backoffCapMs, options.random);
    setState('retrying');
    await sleep(retryInMs, new AbortController().signal);
  }

  async function checkFreeSpace(where: string, needed: number) {
    if (needed <= 0) return;
    let free: number;
    try {
      free = await options.freeSpace(where);
    } catch {
      return; // unknown: the write itself will report ENOSPC
    }
    if (free < needed + options.reserveBytes) {
      throw new AppError('artifacts.diskFull', { dir: where, needed: formatBytes(needed + options.reserveBytes), available: formatBytes(free) });
    }
  }

  async function streamBody(res: IncomingMessage, from: number, signal: AbortSignal) {
    const hs = hashState!;
    const out = createWriteStream(paths.part, { flags: from > 0 ? 'r+' : 'w', start: from, highWaterMark: 1024 * 1024 });
    let writeError: unknown;
    out.on('error', (err) => (writeError ??= err));
    let stallTimer: NodeJS.Timeout | undefined;
    const armStall = () => {
      clearTimeout(stallTimer);
      stallTimer = setTimeout(() => res.destroy(Object.assign(new Error('no data received'), { code: 'ESTALL' })), options.stallTimeoutMs);
    };
    const onAbort = () => res.destroy(new PauseSignal());
    signal.addEventListener('abort', onAbort);
    let failure: unknown;
    armStall();
    try {
      for await (const chunk of res as AsyncIterable<Buffer>) {
        armStall();
        hs.hasher.update(chunk);
        hs.bytes += chunk.length;
        bytes += chunk.length;
        transferred += chunk.length;
        if (!out.write(chunk)) await once(out, 'drain');
        await hs.hasher.waitForRoom();
        if (writeError) throw writeError;
      }
    } catch (err) {
      failure = writeError ?? err;
    } finally {
      clearTimeout(stallTimer);
      signal.removeEventListener('abort', onAbort);
    }
    // Flush every byte received, even after a dropped connection, so a resume asks for nothing twice.
    await new Promise<void>((resolve, reject) => {
      if (out.destroyed) return reject(writeError ?? failure ?? new Error('write stream closed'));
      out.end((err?: Error | null) => (err ? reject(err) : resolve()));
    }).catch((err: unknown) => {
      failure = writeError ?? err;
      dropHash(); // the disk may hold less than was hashed
    });
    if (failure) throw failure;
  }
}

function classifyToError(f: Failure, url: string, attempts: number): AppError {
  return f.retry ? exhausted(f, url, attempts) : f.error;
}

async function loadMeta(paths: PartPaths, spec: DownloadSpec): Promise<PartMeta> {
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
  // A part whose expected checksum differs belongs to another file: never mix the two.
  if (!existing || (existing.sha256 && spec.sha256 && existing.sha256 !== spec.sha256)) {
    await truncatePart(paths.part);
    return fresh;
  }
  return { ...existing, ...fresh, etag: existing.etag, lastModified: existing.lastModified, total: existing.total, startedAt: existing.startedAt, jobs: [...new Set([...existing.jobs, ...spec.jobs])] };
}

async function saveMeta(paths: PartPaths, meta: PartMeta): Promise<PartMeta> {
  const clean = Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined)) as PartMeta;
  await writePartMeta(paths.meta, clean);
  return clean;
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

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function quarantinePart(paths: PartPaths, spec: DownloadSpec): Promise<string> {
  await mkdir(spec.quarantineDir, { recursive: true });
  const target = join(spec.quarantineDir, `${basename(paths.final)}.${new Date().toISOString().replace(/[:.]/g, '-')}`);
  await rename(paths.part, target);
  await discardPart(paths);
  return target;
}
