import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { AppError } from '../../../shared/api/errors';
import { clientDirUrl, installerArchivePrefix, parseSha256Sums, parseVersionOrChannel, pickInstallerArchive } from '../../../shared/artifacts/openshift-install';
import type { CachedArtifact } from '../../../shared/api/domains/artifacts';
import { redact } from '../../../shared/redact';
import { httpGetText, type HttpOptions } from './http-client';
import { classifyNetworkError, exhausted, httpStatusFailure } from './download-errors';
import { extractFileFromTarGz } from './tar-extract';
import type { ArtifactStore } from './artifact-store';

export interface InstallerFetchOptions {
  mirrorBaseUrl: string;
  versionOrChannel: string;
  platform?: string;
  arch?: string;
  jobId?: string;
  http?: HttpOptions;
  /** Already known from sha256sum.txt (an earlier call), to skip the look-up */
  onResolved?: (info: { version: string; fileName: string; url: string }) => void;
}

/** Resolves the archive from the folder's sha256sum.txt; throws a clear error when it is not there. */
export async function resolveInstaller(options: InstallerFetchOptions): Promise<{ version: string; fileName: string; url: string; sha256: string }> {
  const req = parseVersionOrChannel(options.versionOrChannel);
  if (!req) throw new AppError('artifacts.versionInvalid', { value: options.versionOrChannel.slice(0, 60) });
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  const prefix = installerArchivePrefix(platform, arch);
  if (!prefix) throw new AppError('artifacts.platformUnsupported', { platform, arch });
  const dirUrl = clientDirUrl(options.mirrorBaseUrl, req.dir);
  const sumsUrl = `${dirUrl}sha256sum.txt`;
  let res: { status: number; text: string };
  try {
    res = await httpGetText(sumsUrl, options.http);
  } catch (err) {
    const f = classifyNetworkError(err, sumsUrl);
    throw f.retry ? exhausted(f, sumsUrl, 1) : f.error;
  }
  if (res.status !== 200) {
    const f = httpStatusFailure(res.status, sumsUrl);
    throw f.retry ? exhausted(f, sumsUrl, 1) : f.error;
  }
  const { sums, badLines } = parseSha256Sums(res.text);
  if (badLines.length) throw new AppError('artifacts.sumsInvalid', { url: redact(sumsUrl), lines: badLines.slice(0, 5).join(', ') });
  const choice = pickInstallerArchive(sums, prefix);
  if (!choice) throw new AppError('artifacts.sumsMissingEntry', { url: redact(sumsUrl), prefix });
  return { version: choice.version, fileName: choice.fileName, url: `${dirUrl}${choice.fileName}`, sha256: choice.sha256 };
}

/** Downloads, verifies and unpacks openshift-install; the cache entry records the unpacked binary. */
export async function fetchInstaller(service: ArtifactStore, options: InstallerFetchOptions): Promise<CachedArtifact> {
  const info = await resolveInstaller(options);
  options.onResolved?.(info);
  const artifact = await service.download({ url: info.url, sha256: info.sha256, kind: 'openshift-install', name: info.fileName, version: info.version, jobId: options.jobId });
  if (artifact.unpackedPath) return artifact;
  const binary = join(service.cacheDir(), 'openshift-install', info.version, process.platform === 'win32' ? 'openshift-install.exe' : 'openshift-install');
  try {
    await extractFileFromTarGz(artifact.path, 'openshift-install', binary);
  } catch (err) {
    await service.remove(artifact.id).catch(() => undefined);
    await rm(binary, { force: true });
    throw new AppError('artifacts.archiveInvalid', { name: artifact.name, reason: String((err as Error).message ?? err).slice(0, 200) });
  }
  const updated = { ...artifact, unpackedPath: binary };
  await service.update(updated);
  return updated;
}
