import { readFile, rename } from 'node:fs/promises';
import { join, relative, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { artifactKindSchema, type CachedArtifact } from '../../../shared/api/domains/artifacts';
import { writeFileAtomic } from '../fs/atomic-write';

/**
 * `<cache>/index.json`: the list of verified files. Paths are stored relative to the cache folder
 * so the folder can be moved or copied to another laptop as a whole. Written atomically after the
 * file itself is in place; a damaged index is set aside, never silently emptied.
 */
const storedSchema = z.object({
  id: z.string(),
  kind: artifactKindSchema,
  name: z.string(),
  file: z.string(),
  size: z.number(),
  sha256: z.string(),
  checkedAgainstPublished: z.boolean(),
  /** absent in indexes written before it existed: see toArtifact */
  sizeChecked: z.boolean().optional(),
  sourceUrl: z.string(),
  version: z.string().optional(),
  arch: z.string().optional(),
  verifiedAt: z.string(),
  jobs: z.array(z.string()),
  unpacked: z.string().optional(),
});
type Stored = z.infer<typeof storedSchema>;
const indexSchema = z.object({ version: z.literal(1), artifacts: z.array(storedSchema) });

export class CacheIndex {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly dir: () => string) {}

  private get path() {
    return join(this.dir(), 'index.json');
  }

  async all(): Promise<CachedArtifact[]> {
    const root = this.dir();
    return (await this.read()).map((s) => toArtifact(root, s));
  }

  async get(id: string): Promise<CachedArtifact | undefined> {
    return (await this.all()).find((a) => a.id === id);
  }

  /** Adds or replaces an entry (serialised, so two downloads finishing together both land). */
  put(artifact: CachedArtifact): Promise<void> {
    return this.mutate((list) => [...list.filter((s) => s.id !== artifact.id), toStored(this.dir(), artifact)]);
  }

  remove(id: string): Promise<void> {
    return this.mutate((list) => list.filter((s) => s.id !== id));
  }

  addJob(id: string, jobId: string): Promise<void> {
    return this.mutate((list) => list.map((s) => (s.id === id && !s.jobs.includes(jobId) ? { ...s, jobs: [...s.jobs, jobId] } : s)));
  }

  private mutate(fn: (list: Stored[]) => Stored[]): Promise<void> {
    const next = this.chain.then(async () => {
      const list = fn(await this.read());
      await writeFileAtomic(this.path, `${JSON.stringify({ version: 1, artifacts: list }, null, 2)}\n`, 0o644);
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async read(): Promise<Stored[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return [];
    }
    try {
      return indexSchema.parse(JSON.parse(text)).artifacts;
    } catch {
      await rename(this.path, `${this.path}.damaged-${Date.now()}`).catch(() => undefined);
      return [];
    }
  }
}

function toStored(root: string, a: CachedArtifact): Stored {
  const rel = (p: string) => (isAbsolute(p) && !relative(root, p).startsWith('..') ? relative(root, p) : p);
  const { path, unpackedPath, ...rest } = a;
  return { ...rest, file: rel(path), ...(unpackedPath ? { unpacked: rel(unpackedPath) } : {}) };
}

function toArtifact(root: string, s: Stored): CachedArtifact {
  const { file, unpacked, sizeChecked, ...rest } = s;
  // Older entries did not record it: a download may have been cut short unnoticed, so only files
  // that never came over HTTP (made or copied on this laptop) count as complete.
  const complete = sizeChecked ?? !/^https?:\/\//i.test(s.sourceUrl);
  return { ...rest, sizeChecked: complete, path: resolve(root, file), ...(unpacked ? { unpackedPath: resolve(root, unpacked) } : {}) };
}
