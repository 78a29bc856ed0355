import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mjs)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** The packages scripts/setup-peers.sh installs (its `packages=( … )` list, comments dropped). */
function setupPackages(): string[] {
  const script = readFileSync(join(root, 'scripts', 'setup-peers.sh'), 'utf8');
  const list = /^packages=\(\n([\s\S]*?)^\)/m.exec(script)?.[1];
  if (!list) throw new Error('scripts/setup-peers.sh has no packages=( … ) list');
  return list.split('\n').flatMap((line) => line.replace(/#.*/, '').trim().split(/\s+/).filter(Boolean));
}

describe('test peers', () => {
  const calls = ['test', 'scripts'].flatMap(sources).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const literal = [...text.matchAll(/requirePeer\(\s*'([^']+)',\s*'([^']+)'\s*\)/g)].map((m) => ({ file: relative(root, file), program: m[1]!, pkg: m[2]! }));
    const all = [...text.matchAll(/requirePeer\(/g)].length - [...text.matchAll(/function requirePeer\(/g)].length;
    return [{ file: relative(root, file), literal, all }];
  });

  it('every program a test or benchmark requires is named with its Debian package literally', () => {
    expect(calls.filter((c) => c.all !== c.literal.length).map((c) => c.file)).toEqual([]);
    expect(calls.flatMap((c) => c.literal).length).toBeGreaterThan(20);
  });

  it('scripts/setup-peers.sh installs every package a test or benchmark requires', () => {
    const installed = new Set(setupPackages());
    const missing = calls.flatMap((c) => c.literal).filter((c) => !installed.has(c.pkg));
    expect(missing.map((c) => `${c.file}: ${c.program} (${c.pkg})`)).toEqual([]);
    // What this issue added, named explicitly: the USB helper's elevation and the benchmarks' reference downloader.
    expect([...installed]).toEqual(expect.arrayContaining(['pkexec', 'aria2']));
  });
});
