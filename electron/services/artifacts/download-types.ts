import type { DownloadState } from '../../../shared/api/domains/artifacts';
import type { Network } from '../net/network';
import type { ProxyEnv } from '../net/proxy-rules';
import type { PartOwner } from './download-files';

/** What the download engine takes and gives: its own module, so the engine's parts can name these without importing the engine. */

export interface EngineOptions {
  /** The network to use (the app's, from the composition root); without it: `env` decides, see withNetwork */
  network?: Network;
  /** Extra trusted CA certificates (PEM) for this download */
  ca?: string[];
  env?: ProxyEnv;
  /** Consecutive failed attempts (without any new byte) before giving up */
  maxAttempts: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  /** No byte for this long = stalled connection: drop it and resume */
  stallTimeoutMs: number;
  /** No response headers for this long: drop the attempt */
  connectTimeoutMs: number;
  progressIntervalMs: number;
  /** Bytes kept free on the disk beyond the download itself */
  reserveBytes: number;
  freeSpace: (dir: string) => Promise<number>;
  now: () => number;
  random?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface DownloadSpec extends PartOwner {
  finalPath: string;
  /** Expected sha256 (lowercase hex), when published */
  sha256?: string;
  /** A URL that is safe to store for resuming after a restart (none for tokenised URLs) */
  storableUrl?: string;
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

/**
 * Downloads one file to `<final>.part` with a sidecar, resuming with Range + If-Range, hashing as
 * the bytes stream past (a resumed part's prefix is re-hashed once), and renaming to the final
 * name only when size and checksum match, after an fsync. See docs/architecture.md and the README
 * section "Downloads and the offline cache" for the guarantees.
 */
