import { realpath } from 'node:fs/promises';

/** A file the artifact cache verified: its sha256 was computed over it when it was stored. */
export interface KnownSource {
  path: string;
  size: number;
  sha256: string;
  /** ISO time of that verification */
  verifiedAt: string;
}

/**
 * The source's sha256 when the artifact cache already verified this very file and it has not
 * changed since (same real path, same size, not modified after the verification) and, when the
 * caller expects a sha256, it is that one. Otherwise undefined: the source is hashed while copied.
 * (A file changed without touching its mtime is not caught here; the copy is still checked on
 * first use against this sha256, output-record.ts, and the stick against the image.)
 */
export async function knownSourceSha256(
  sourcePath: string,
  stat: { size: number; mtimeMs: number },
  expectedSha256: string | undefined,
  knownSources: (() => Promise<readonly KnownSource[]>) | undefined,
): Promise<string | undefined> {
  if (!knownSources) return undefined;
  const real = await realpath(sourcePath);
  for (const entry of await knownSources()) {
    if (entry.size !== stat.size || (expectedSha256 && entry.sha256 !== expectedSha256)) continue;
    const verifiedAt = Date.parse(entry.verifiedAt);
    if (!(verifiedAt >= stat.mtimeMs)) continue;
    if ((await realpath(entry.path).catch(() => undefined)) === real) return entry.sha256;
  }
  return undefined;
}
