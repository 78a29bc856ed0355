import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { redact } from '../../../shared/redact';
import { fileNameFromUrl, safeFileName } from '../../../shared/artifacts/rhcos-stream';
import type { CachedArtifact } from '../../../shared/api/domains/artifacts';
import type { CacheIndex } from './cache-index';
import { hashFile } from './part-file';

/** A published checksum and the URL it was published for (e.g. a live ISO in the stream metadata). */
export interface KnownChecksum {
  url: string;
  sha256: string;
}

/** Moves a cached file to <cache>/quarantine/<name>.<time> and drops its index entry; returns where it went. */
export async function quarantineEntry(index: CacheIndex, quarantineDir: string, entry: CachedArtifact): Promise<string> {
  await mkdir(quarantineDir, { recursive: true });
  const target = join(quarantineDir, `${entry.name}.${new Date().toISOString().replace(/[:.]/g, '-')}`);
  await rename(entry.path, target);
  await index.remove(entry.id);
  return target;
}

/**
 * A checksum became known for a file cached without one (the stream metadata lists it, the
 * technician typed it, a later request carries it): the file is hashed again; a match records it
 * as checked against the published value (from then on it is verified), a mismatch moves it to
 * quarantine. Returns the updated entry, or the mismatch as an error naming both hashes.
 */
export async function checkLate(index: CacheIndex, quarantineDir: string, entry: CachedArtifact, sha256: string): Promise<CachedArtifact | AppError> {
  let actual: { sha256: string; size: number };
  try {
    actual = await hashFile(entry.path);
  } catch {
    throw new AppError('artifacts.fileMissing', { path: entry.path });
  }
  if (actual.sha256 !== sha256) {
    const quarantine = await quarantineEntry(index, quarantineDir, entry);
    return new AppError('artifacts.checksumMismatch', { name: entry.name, expected: sha256, actual: actual.sha256, quarantine });
  }
  const verified: CachedArtifact = { ...entry, sha256: actual.sha256, size: actual.size, checkedAgainstPublished: true, verifiedAt: new Date().toISOString() };
  await index.put(verified);
  return verified;
}

/**
 * Which cached files, not yet checked against a published checksum, a list of published checksums
 * speaks about: the same source URL, or an RHCOS live ISO of the same file name (fetched from a
 * local mirror folder, or pasted as a URL of another host).
 */
export function matchKnownChecksums(entries: CachedArtifact[], known: KnownChecksum[]): { entry: CachedArtifact; sha256: string }[] {
  return entries.flatMap((entry) => {
    if (entry.checkedAgainstPublished) return [];
    const hit = known.find((k) => redact(k.url) === entry.sourceUrl || (entry.kind === 'rhcos-iso' && safeFileName(fileNameFromUrl(k.url)) === entry.name));
    return hit ? [{ entry, sha256: hit.sha256.toLowerCase() }] : [];
  });
}
