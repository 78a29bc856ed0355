import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/api/errors';
import type { Patch } from '../../../shared/iso/iso-image';
import { writeFileAtomic } from '../fs/atomic-write';
import { openIsoFile } from './file-reader';
import { sha256WithPatchesInWorker } from './hash-worker';
import { sha256File } from './patch-writer';

/**
 * What a customised copy must be, kept beside it (`.<name>.sfk-build.json`) so its sha256 can be
 * computed lazily — and trusted — long after it was built, even across restarts.
 *
 * Why: the bulk of a copy is the kernel's (reflink or copy_file_range) and is NOT fsynced: making
 * 1 GiB durable costs 4× the copy itself (docs/benchmarks.md), and a reflinked file would not need
 * it. A crash could therefore leave the file under its final name with lost or torn ranges. This
 * record is written durably (fsync) *before* the file gets its final name, and the first use checks
 * the whole file against it: every byte outside the embed areas must hash, with the source's
 * original area bytes put back, to the source's verified sha256, and each area must hold exactly
 * the bytes planned. Only then is the output's sha256 handed out (and cached here), so a torn copy
 * is refused ("build it again") rather than written to a stick. The areas themselves are small.
 */
const recordSchema = z.object({
  version: z.literal(1),
  size: z.number(),
  sourceSha256: z.string(),
  /** Each area: its offset, the source's bytes there (base64) and the sha256 of the bytes embedded */
  areas: z.array(z.object({ offset: z.number(), original: z.string(), sha256: z.string() })),
  /** Filled in on first use, with the file's mtime then (a later change invalidates it) */
  verified: z.object({ outputSha256: z.string(), mtimeMs: z.number() }).optional(),
});
export type OutputRecord = z.infer<typeof recordSchema>;

export const recordPath = (outputPath: string) => join(dirname(outputPath), `.${basename(outputPath)}.sfk-build.json`);

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export function makeRecord(size: number, sourceSha256: string, patches: readonly Patch[], originals: readonly Uint8Array[]): OutputRecord {
  return {
    version: 1,
    size,
    sourceSha256,
    areas: patches.map((p, i) => ({ offset: p.offset, original: Buffer.from(originals[i]!).toString('base64'), sha256: sha256(p.bytes) })),
  };
}

/** Durable (write, fsync, rename, fsync dir): it must exist whenever the output does. */
export async function saveRecord(outputPath: string, record: OutputRecord): Promise<void> {
  await writeFileAtomic(recordPath(outputPath), `${JSON.stringify(record)}\n`, 0o644);
}

export async function removeRecord(outputPath: string): Promise<void> {
  await rm(recordPath(outputPath), { force: true });
}

async function loadRecord(outputPath: string): Promise<OutputRecord> {
  try {
    return recordSchema.parse(JSON.parse(await readFile(recordPath(outputPath), 'utf8')));
  } catch {
    throw new AppError('iso.outputUnverifiable', { path: outputPath });
  }
}

/**
 * The output's sha256, computed on first need and checked against its record (see above); cached
 * in the record while the file is unchanged (`computed` says whether this call read the file).
 */
export async function verifiedOutputSha256(outputPath: string): Promise<{ sha256: string; computed: boolean }> {
  const record = await loadRecord(outputPath);
  const { handle, reader, size } = await openIsoFile(outputPath);
  try {
    const { mtimeMs } = await handle.stat();
    if (record.verified && record.verified.mtimeMs === mtimeMs && size === record.size) return { sha256: record.verified.outputSha256, computed: false };
    const damaged = () => new AppError('iso.outputDamaged', { path: outputPath });
    if (size !== record.size) throw damaged();
    for (const area of record.areas) {
      const length = Buffer.from(area.original, 'base64').length;
      if (sha256(await reader.read(area.offset, length)) !== area.sha256) throw damaged();
    }
    // Two passes over the page cache at once: this thread hashes the file, a worker the file with
    // the source's area bytes put back (which must be the verified source).
    const reverted = record.areas.map((a) => ({ offset: a.offset, bytes: new Uint8Array(Buffer.from(a.original, 'base64')) }));
    const [outputSha256, revertedSha256] = await Promise.all([sha256File(handle, size), sha256WithPatchesInWorker(outputPath, size, reverted)]);
    if (revertedSha256 !== record.sourceSha256) throw damaged();
    await saveRecord(outputPath, { ...record, verified: { outputSha256, mtimeMs } });
    return { sha256: outputSha256, computed: true };
  } finally {
    await handle.close();
  }
}
