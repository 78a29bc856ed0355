import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const docPath = join(import.meta.dirname, '..', 'docs', 'benchmarks.md');

/**
 * Replaces one benchmark's section of docs/benchmarks.md (from its `## <heading>` line to the next
 * `## `), or appends it, leaving every other benchmark's figures as they are.
 */
export function writeBenchSection(heading: string, section: string): void {
  const doc = readFileSync(docPath, 'utf8');
  const start = doc.indexOf(`## ${heading}`);
  const body = `${section.trimEnd()}\n`;
  if (start < 0) {
    writeFileSync(docPath, `${doc.trimEnd()}\n\n${body}`);
    return;
  }
  const next = doc.indexOf('\n## ', start + 3);
  writeFileSync(docPath, `${doc.slice(0, start)}${body}${next >= 0 ? `\n${doc.slice(next + 1)}` : ''}`);
}
