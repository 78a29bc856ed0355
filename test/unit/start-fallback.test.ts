import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');

describe('npm start without the Electron binary', () => {
  it('says why in one line and starts the browser host instead', async () => {
    const child = spawn(process.execPath, ['scripts/start.mjs', '--data-dir', mkdtempSync(join(tmpdir(), 'sfk-start-'))], {
      cwd: root,
      env: { ...process.env, SFK_SKIP_BUILD: '1', ELECTRON_OVERRIDE_DIST_PATH: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    try {
      await expect.poll(() => out, { timeout: 30_000, interval: 200 }).toMatch(/Open: http:\/\/127\.0\.0\.1:\d+\/\?token=/);
      const lines = out.trim().split('\n');
      expect(lines[0]).toBe('The Electron binary is not installed on this machine (it could not be downloaded), so SNO Field Kit starts in browser mode instead.');
      expect(out).not.toMatch(/Error|at .*\(/);
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
    }
  });
});
