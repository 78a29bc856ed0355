import { createReadStream } from 'node:fs';
import { readFile, rm, stat, truncate } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write';

/**
 * The small JSON sidecar beside `<name>.part`. It is written (atomically) before the first byte of
 * the part, so a part without a sidecar is never trusted, and removed only after the verified file
 * has been renamed into place. The source URL is stored only when it carries no secret; a
 * discovery ISO's tokenised URL is asked for again instead.
 */
export const partMetaSchema = z.object({
  version: z.literal(1),
  id: z.string(),
  kind: z.string(),
  name: z.string(),
  url: z.string().optional(),
  sourceUrl: z.string(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  total: z.number().optional(),
  sha256: z.string().optional(),
  artifactVersion: z.string().optional(),
  arch: z.string().optional(),
  jobs: z.array(z.string()),
  startedAt: z.string(),
});
export type PartMeta = z.infer<typeof partMetaSchema>;

export interface PartPaths {
  final: string;
  part: string;
  meta: string;
}

export function partPaths(finalPath: string): PartPaths {
  return { final: finalPath, part: `${finalPath}.part`, meta: `${finalPath}.part.json` };
}

export async function readPartMeta(path: string): Promise<PartMeta | undefined> {
  try {
    const parsed = partMetaSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function writePartMeta(path: string, meta: PartMeta): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(meta, null, 2)}\n`, 0o600);
}

export async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return -1;
  }
}

export async function hashFile(path: string, signal?: AbortSignal): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024, signal });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}

export async function discardPart(paths: PartPaths): Promise<void> {
  await rm(paths.part, { force: true });
  await rm(paths.meta, { force: true });
}

export async function truncatePart(path: string): Promise<void> {
  try {
    await truncate(path, 0);
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOENT') throw err;
  }
}
