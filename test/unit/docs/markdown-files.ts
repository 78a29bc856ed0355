import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..', '..');
export const read = (rel: string) => readFileSync(join(repoRoot, rel), 'utf8');

/** The repository's own Markdown (tracked or new), without node_modules and build output. */
export function markdownFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.md'], { cwd: repoRoot, encoding: 'utf8' });
  return out.split('\n').filter((f) => f && !f.startsWith('node_modules/'));
}

/** Links and images of a Markdown text outside code, as written: [label](target). */
export function links(markdown: string): { target: string; image: boolean }[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/(!?)\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => ({ target: m[2]!, image: m[1] === '!' }));
}
