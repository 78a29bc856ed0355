import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fixturePath } from './fixtures';

/** The stand-in oc (a Node script that answers oc's documented contract; see its header). */
export const standinOcPath = resolve(import.meta.dirname, '..', '..', 'electron', 'practice', 'oc-standin.mjs');

/** The coreos-installer 2023-07 x86_64 live ISO fixture, decompressed with xz (Debian xz-utils) into `dir`. */
export function liveIso(dir: string): string {
  const out = join(dir, 'live.x86_64.iso');
  writeFileSync(out, execFileSync('xz', ['-dc', fixturePath('coreos-installer-fixtures', 'embed-areas-2023-07.x86_64.iso.xz')], { maxBuffer: 64 << 20 }));
  return out;
}
