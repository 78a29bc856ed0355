import { withNetwork } from './http-client';
import type { DownloadControl } from './download-control';
import { DownloadRun } from './download-run';

export { DownloadControl } from './download-control';
export type { DownloadSpec, EngineOptions, EngineProgress, EngineResult } from './download-types';
import type { DownloadSpec, EngineOptions, EngineProgress, EngineResult } from './download-types';

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

export function runDownload(spec: DownloadSpec, options: EngineOptions, control: DownloadControl, onProgress: (p: EngineProgress) => void): Promise<EngineResult> {
  return withNetwork(options, (network) => new DownloadRun(spec, options, control, onProgress, network).run());
}
