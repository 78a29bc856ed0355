import { execFile } from 'node:child_process';
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { parseStream, StreamParseError, safeFileName, type ParsedStream } from '../../../shared/artifacts/rhcos-stream';
import type { CachedArtifact, StreamSource } from '../../../shared/api/domains/artifacts';
import type { ArtifactStore } from './artifact-store';

/**
 * Reads the RHCOS stream document from the cluster (ConfigMap coreos-bootimages, key `stream`),
 * from a cached openshift-install (`coreos print-stream-json`) or from a file, parses it (never
 * greps it) and keeps a copy in the cache so it is there offline.
 */
export type ClusterStreamReader = (options: { kubeconfigPath?: string; context?: string }) => Promise<string>;

export interface LoadedStream {
  parsed: ParsedStream;
  artifact: CachedArtifact;
}

export async function readStreamText(source: StreamSource, service: ArtifactStore, readCluster?: ClusterStreamReader): Promise<{ text: string; label: string }> {
  if (source.type === 'file') {
    try {
      return { text: await readFile(source.path, 'utf8'), label: `file://${source.path}` };
    } catch {
      throw new AppError('artifacts.localFileMissing', { path: source.path });
    }
  }
  if (source.type === 'cluster') {
    if (!readCluster) throw new AppError('artifacts.clusterStreamUnavailable');
    try {
      return { text: await readCluster({ kubeconfigPath: source.kubeconfigPath, context: source.context }), label: 'ConfigMap openshift-machine-config-operator/coreos-bootimages' };
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('artifacts.streamSourceUnavailable', { source: 'coreos-bootimages', reason: String((err as Error).message ?? err).slice(0, 300) });
    }
  }
  const installers = (await service.list()).filter((a) => a.kind === 'openshift-install' && a.unpackedPath && (!source.version || a.version === source.version));
  installers.sort((a, b) => b.verifiedAt.localeCompare(a.verifiedAt));
  const installer = installers[0];
  if (!installer?.unpackedPath) throw new AppError('artifacts.installerMissing', { version: source.version ?? '' });
  return { text: await printStreamJson(installer.unpackedPath), label: `openshift-install ${installer.version ?? ''} coreos print-stream-json` };
}

export function printStreamJson(binary: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(binary, ['coreos', 'print-stream-json'], { maxBuffer: 32 * 1024 * 1024, timeout: 60_000, env: { ...process.env, HOME: process.env.HOME ?? tmpdir() } }, (err, stdout, stderr) => {
      if (err) reject(new AppError('artifacts.installerRunFailed', { reason: (String(stderr).trim() || err.message).slice(0, 300) }));
      else resolve(stdout);
    });
  });
}

export async function loadStream(source: StreamSource, service: ArtifactStore, readCluster?: ClusterStreamReader, jobId?: string): Promise<LoadedStream> {
  const { text, label } = await readStreamText(source, service, readCluster);
  let parsed: ParsedStream;
  try {
    parsed = parseStream(text, label);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('artifacts.streamInvalid', { reason: err instanceof StreamParseError ? err.reason : String(err) });
  }
  // Keep the exact bytes we parsed, so an offline session sees the same document.
  const dir = await mkdtemp(join(tmpdir(), 'sfk-stream-'));
  try {
    const file = join(dir, 'stream.json');
    await writeFile(file, text);
    const artifact = await service.addLocalFile({
      path: file,
      kind: 'stream',
      name: safeFileName(`${parsed.stream}-${parsed.release}.json`),
      version: parsed.release,
      jobId,
      move: true,
      sourceLabel: label,
    });
    // ISOs cached earlier without a checksum (pasted URLs, cut downloads) are checked against it now
    await service.applyKnownChecksums(Object.values(parsed.arches).map((a) => ({ url: a.iso.location, sha256: a.iso.sha256 })));
    return { parsed, artifact };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
