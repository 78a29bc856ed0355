import { join } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import type { CachedArtifact } from '../../../shared/api/domains/artifacts';
import type { CacheIndex } from './cache-index';
import { fileSize, hashFile } from './part-file';
import { checkLate, matchKnownChecksums, quarantineEntry, type KnownChecksum } from './late-checksum';

export interface CacheChecksDeps {
  index: CacheIndex;
  cacheDir: () => string;
  /** Being downloaded again: the new file is checked on arrival */
  isDownloading: (id: string) => boolean;
  emitChanged?: (id?: string) => void;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
}

/** Whether a cached file is still what it claims to be: checksums given late, re-hashing, and which copy may answer a request. */
export class CacheChecks {
  constructor(private readonly d: CacheChecksDeps) {}

  /**
   * A cached copy that answers a request: any, when it asks for no checksum; else one whose
   * checksum matches — checked now if it was cached without one (a mismatch is quarantined and
   * the file downloaded again).
   */
  async usableCached(id: string, sha256: string | undefined, force?: boolean): Promise<CachedArtifact | undefined> {
    const cached = await this.d.index.get(id);
    if (!cached || force || (await fileSize(cached.path)) !== cached.size) return undefined;
    if (!sha256) return cached;
    if (cached.checkedAgainstPublished) return cached.sha256 === sha256 ? cached : undefined;
    // a file that vanished meanwhile is simply downloaded again
    const outcome = await this.#checkLate(cached, sha256).catch((err: unknown) => (err instanceof AppError ? err : new AppError('artifacts.fileMissing', { path: cached.path })));
    return outcome instanceof AppError ? undefined : outcome;
  }

  /**
   * The technician supplies the published sha256 of a cached file: a match marks it verified, a
   * mismatch quarantines it and fails with both hashes. A file already checked against a different
   * published value is left alone (the typed value is the likelier mistake).
   */
  async verifyChecksum(id: string, sha256: string): Promise<CachedArtifact> {
    const entry = await this.d.index.get(id);
    if (!entry) throw new AppError('artifacts.notInCache', { id });
    const expected = sha256.toLowerCase();
    if (entry.checkedAgainstPublished && entry.sha256 !== expected) throw new AppError('artifacts.checksumConflict', { name: entry.name, published: entry.sha256, given: expected });
    const outcome = await this.#checkLate(entry, expected);
    if (outcome instanceof AppError) throw outcome;
    return outcome;
  }

  /** Published checksums that became known (the stream metadata): matching cached files not checked yet are verified or quarantined now. */
  async applyKnownChecksums(known: KnownChecksum[]): Promise<void> {
    for (const { entry, sha256 } of matchKnownChecksums(await this.d.index.all(), known)) {
      if (this.d.isDownloading(entry.id)) continue;
      await this.#checkLate(entry, sha256).catch((err: unknown) => this.d.log?.('late checksum failed', { id: entry.id, error: String(err) }));
    }
  }

  /** Hashes a cached file again: unchanged, it is verified now; changed, it is quarantined. */
  async reverify(id: string): Promise<CachedArtifact> {
    const { index } = this.d;
    const entry = await index.get(id);
    if (!entry) throw new AppError('artifacts.notInCache', { id });
    let result: { sha256: string; size: number };
    try {
      result = await hashFile(entry.path);
    } catch {
      throw new AppError('artifacts.fileMissing', { path: entry.path });
    }
    if (result.sha256 !== entry.sha256 || result.size !== entry.size) {
      const quarantine = await quarantineEntry(index, this.#quarantineDir(), entry);
      this.d.emitChanged?.(id);
      throw new AppError('artifacts.checksumMismatch', { name: entry.name, expected: entry.sha256, actual: result.sha256, quarantine });
    }
    const updated = { ...entry, verifiedAt: new Date().toISOString() };
    await index.put(updated);
    this.d.emitChanged?.(id);
    return updated;
  }

  async #checkLate(entry: CachedArtifact, sha256: string): Promise<CachedArtifact | AppError> {
    const outcome = await checkLate(this.d.index, this.#quarantineDir(), entry, sha256);
    this.d.log?.(outcome instanceof AppError ? 'cached file quarantined: late checksum differs' : 'cached file verified against a late checksum', { id: entry.id, sha256 });
    this.d.emitChanged?.(entry.id);
    return outcome;
  }

  #quarantineDir(): string {
    return join(this.d.cacheDir(), 'quarantine');
  }
}
