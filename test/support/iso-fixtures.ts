import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath } from './fixtures';
import { requirePeer } from './peers';

/** The coreos-installer fixture ISOs, decompressed with the real `xz -dk` into a temp folder. */
export interface FixtureSet {
  dir: string;
  names: string[];
  /** A fresh copy of a fixture (tests may modify it) */
  copy(name: string, as?: string): string;
  cleanup(): void;
}

export function unpackFixtures(): FixtureSet {
  const xz = requirePeer('xz', 'xz-utils');
  const source = fixturePath('coreos-installer-fixtures');
  const dir = mkdtempSync(join(tmpdir(), 'sfk-iso-fixtures-'));
  const names: string[] = [];
  for (const f of readdirSync(source)
    .filter((n) => n.endsWith('.iso.xz'))
    .sort()) {
    copyFileSync(join(source, f), join(dir, f));
    execFileSync(xz, ['-dk', join(dir, f)]);
    names.push(f.replace(/\.xz$/, ''));
  }
  let n = 0;
  return {
    dir,
    names,
    copy(name, as) {
      const to = join(dir, as ?? `${n++}-${name}`);
      copyFileSync(join(dir, name), to);
      return to;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
export const fileSha256 = (path: string): string => sha256(readFileSync(path));

/** sha256 of the image with the given regions zeroed: "everything else" must not change. */
export function hashOutside(image: Uint8Array, regions: readonly { offset: number; length: number }[]): string {
  const masked = image.slice();
  for (const r of regions) masked.fill(0, r.offset, r.offset + r.length);
  return sha256(masked);
}
