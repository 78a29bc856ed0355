import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

/** Relative imports (type-only ones too: they tie the files together just the same) of one source file. */
function importsOf(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(/(?:import|export)[^'"]*?from\s+'(\.[^']+)'/g)]
    .map((m) => resolve(dirname(file), m[1]!))
    .map((t) => [`${t}.ts`, `${t}.tsx`, join(t, 'index.ts')].find((f) => existsSync(f)))
    .filter((f): f is string => !!f);
}

function cyclesAmong(folder: string): string[] {
  const files = readdirSync(folder)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(folder, f));
  const found: string[] = [];
  const walk = (file: string, path: string[]) => {
    for (const dep of importsOf(file).filter((d) => dirname(d) === folder)) {
      if (dep === path[0]) found.push([...path, dep].map((f) => relative(root, f)).join(' -> '));
      else if (!path.includes(dep) && dep > path[0]!) walk(dep, [...path, dep]);
    }
  };
  for (const f of files) walk(f, [f]);
  return found;
}

describe('service folders split by responsibility', () => {
  it.each(['artifacts', 'cluster', 'assisted'])('electron/services/%s has no import cycle', (name) => {
    expect(cyclesAmong(join(root, 'electron/services', name))).toEqual([]);
  });
});
