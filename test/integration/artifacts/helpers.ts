import { mkdtempSync, writeFileSync } from 'node:fs';
import { randomBytes, createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArtifactService } from '../../../electron/services/artifacts/artifact-service';
import type { EngineOptions } from '../../../electron/services/artifacts/download-engine';
import type { DownloadProgress } from '../../../shared/api/domains/artifacts';
import { AppError } from '../../../shared/api/errors';

export const MiB = 1024 * 1024;

/** Writes a file of random bytes and returns its sha256. */
export function randomFile(path: string, size: number): string {
  const data = randomBytes(size);
  writeFileSync(path, data);
  return createHash('sha256').update(data).digest('hex');
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Fast timings so fault cases finish quickly on a loaded machine, but real back-off and stall logic. */
export const fastEngine: Partial<EngineOptions> = {
  backoffBaseMs: 50,
  backoffCapMs: 200,
  stallTimeoutMs: 1500,
  connectTimeoutMs: 10_000,
  maxAttempts: 4,
  progressIntervalMs: 100,
};

export function makeService(options: { cacheDir?: string; engine?: Partial<EngineOptions>; env?: Record<string, string | undefined> } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'sfk-art-data-'));
  const cacheDir = options.cacheDir ?? join(dataDir, 'cache');
  const progress: DownloadProgress[] = [];
  const awake: string[] = [];
  const taskbar: number[] = [];
  const service = new ArtifactService({
    cacheDir: () => cacheDir,
    dataDir,
    emitProgress: (p) => progress.push(p),
    setProgress: (f) => taskbar.push(f),
    keepAwake: (reason) => {
      awake.push(`on:${reason}`);
      return () => awake.push('off');
    },
    env: options.env ?? {},
    engine: { ...fastEngine, ...options.engine },
  });
  return { service, dataDir, cacheDir, progress, awake, taskbar };
}

/** Awaits a promise that must reject with an AppError, and returns that error. */
export async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => new Error('expected a failure, but it succeeded'),
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw err instanceof Error ? err : new Error(String(err));
  return err;
}
