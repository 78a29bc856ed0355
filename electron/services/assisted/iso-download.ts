import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import got, { HTTPError, RequestError } from 'got';
import { AppError } from '../../../shared/api/errors';
import { networkError, safeHost } from '../net/fetch-errors';

/** What the workflow needs from a downloader: the artifact engine's `download` matches it (INTERFACES.md). */
export interface IsoDownloadRequest {
  url: string;
  kind: 'discovery-iso';
  name: string;
  version?: string;
  arch?: string;
  jobId?: string;
  refreshUrl?: () => Promise<{ url: string; expiresAt?: string }>;
}

export interface DownloadedIso {
  id?: string;
  path: string;
  size: number;
  sha256: string;
}

export type IsoDownloader = (req: IsoDownloadRequest, onProgress?: (bytes: number, total?: number) => void) => Promise<DownloadedIso>;

/**
 * A small stand-alone downloader used until the artifact engine (services.artifacts) is wired in:
 * it asks for a fresh URL right before each attempt (image URLs expire), retries once more after
 * 401/403 (an expired link), writes to a `.part` file and renames it only when complete, hashing on the way.
 */
export function createFallbackIsoDownloader(targetPath: (req: IsoDownloadRequest) => string, attempts = 3): IsoDownloader {
  return async (req, onProgress) => {
    const target = targetPath(req);
    await mkdir(dirname(target), { recursive: true });
    const part = `${target}.part`;
    let lastError: unknown;
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      const url = req.refreshUrl ? (await req.refreshUrl()).url : req.url;
      const hash = createHash('sha256');
      let bytes = 0;
      let lastReport = 0;
      try {
        const stream = got.stream(url, { timeout: { response: 60_000 }, retry: { limit: 0 } });
        let total: number | undefined;
        stream.on('response', (res: { headers: Record<string, string | undefined> }) => {
          const length = Number(res.headers['content-length']);
          if (Number.isFinite(length)) total = length;
        });
        const meter = new Transform({
          transform(chunk: Buffer, _enc, done) {
            hash.update(chunk);
            bytes += chunk.length;
            const now = Date.now();
            if (now - lastReport > 250) {
              lastReport = now;
              onProgress?.(bytes, total);
            }
            done(null, chunk);
          },
        });
        await pipeline(stream, meter, createWriteStream(part));
        if (total !== undefined && bytes !== total) throw new AppError('assisted.downloadIncomplete', { bytes, total });
        await rename(part, target);
        onProgress?.(bytes, total);
        return { path: target, size: (await stat(target)).size, sha256: hash.digest('hex') };
      } catch (err) {
        await rm(part, { force: true });
        lastError = err;
        const status = err instanceof HTTPError ? err.response.statusCode : undefined;
        // An expired or revoked link: get a new one and try again. Anything else but a network drop is final.
        if (status === 401 || status === 403) continue;
        if (err instanceof RequestError && !(err instanceof HTTPError)) continue;
        break;
      }
    }
    if (lastError instanceof HTTPError) {
      throw new AppError('assisted.downloadFailed', { host: safeHost(lastError.request.requestUrl?.toString() ?? ''), status: lastError.response.statusCode });
    }
    if (lastError instanceof AppError) throw lastError;
    throw networkError(lastError, req.url, 'assisted.offline');
  };
}
