import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..', '..');
export const read = (rel: string) => readFileSync(join(repoRoot, rel), 'utf8');

/** Folders that are not the repository's own text: dependencies, build output, caches, git. */
const SKIP = new Set(['node_modules', '.git', 'dist', 'out', '.cache', 'screenshots', 'coverage', 'test-results']);

/** The repository's own Markdown files, relative to its root. */
export function markdownFiles(dir = ''): string[] {
  return readdirSync(join(repoRoot, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory() && !SKIP.has(e.name)) return markdownFiles(rel);
    return e.isFile() && e.name.endsWith('.md') ? [rel] : [];
  });
}

/** Links and images of a Markdown text outside code, as written: [label](target). */
export function links(markdown: string): { target: string; image: boolean }[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/(!?)\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => ({ target: m[2]!, image: m[1] === '!' }));
}
