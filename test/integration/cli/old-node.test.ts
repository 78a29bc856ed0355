import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

// The machine's own Node (Debian 12: Node 20) runs the real entry point, as a technician would
// by typing `sno-field-kit` with an old Node first on PATH.
const OLD_NODE = '/usr/bin/node';
const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = resolve(ROOT, 'bin/sno-field-kit.mjs');

function run(node: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(LANG|LC_|SFK_LANG)/.test(k)));
    execFile(node, [BIN, ...args], { cwd: ROOT, env: { ...base, ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
      done({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr });
    });
  });
}

function versionOf(node: string): Promise<string> {
  return new Promise((done, fail) => execFile(node, ['-p', 'process.versions.node'], (err, out) => (err ? fail(err) : done(out.trim()))));
}

describe('sno-field-kit on a Node older than 22.12', () => {
  it('the machine has an old Node to try this with', async () => {
    expect(existsSync(OLD_NODE)).toBe(true);
    const [major, minor] = (await versionOf(OLD_NODE)).split('.').map(Number);
    expect(major! < 22 || (major === 22 && minor! < 12)).toBe(true);
  });

  it('says in English what to do, exits 4 and prints no stack trace', async () => {
    const r = await run(OLD_NODE, ['csr', '--help'], { LANG: 'en_US.UTF-8' });
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('SNO Field Kit needs Node.js 22.12 or newer; this is Node.js 20.');
    expect(r.stderr).toContain(`(${OLD_NODE})`);
    expect(r.stderr).toContain('node_modules/.bin/node bin/sno-field-kit.mjs');
    expect(r.stderr).toContain('`npm start`');
    expect(r.stderr).toContain('install Node.js 22');
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).not.toMatch(/Error|undici|node_modules\/(?!\.bin\/node)/);
    expect(r.stderr.trim().split('\n')).toHaveLength(3);
  });

  it('speaks Chinese when the environment does (LC_ALL wins over LANG, as in the CLI)', async () => {
    const zh = await run(OLD_NODE, [], { LANG: 'zh_CN.UTF-8' });
    expect(zh.code).toBe(4);
    expect(zh.stderr).toContain('SNO Field Kit 需要 Node.js 22.12 或更高版本，当前是 Node.js 20.');
    expect(zh.stderr).toContain('node_modules/.bin/node bin/sno-field-kit.mjs');
    expect(zh.stderr).toContain('npm start');
    expect(zh.stderr).not.toMatch(/^\s+at /m);
    const en = await run(OLD_NODE, [], { LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' });
    expect(en.stderr).toContain('SNO Field Kit needs Node.js 22.12');
    const zhAll = await run(OLD_NODE, [], { LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' });
    expect(zhAll.stderr).toContain('需要 Node.js 22.12');
  });

  it('still runs the CLI under the project’s Node 22', async () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(22);
    const r = await run(process.execPath, ['--help'], { LANG: 'en_US.UTF-8' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: sno-field-kit <command>');
    expect(r.stderr).not.toContain('needs Node.js');
  });
});
