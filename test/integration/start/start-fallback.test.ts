import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { until } from '../../support/wait';

const root = resolve(import.meta.dirname, '..', '..', '..');

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
      await until(
        () => {
          if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${out}`);
          return /Open: http:\/\/127\.0\.0\.1:\d+\/\?token=/.test(out);
        },
        () => `the browser host's URL; output so far:\n${out}`,
        { timeout: 25_000 },
      );
      const lines = out.trim().split('\n');
      expect(lines[0]).toBe('The Electron binary is not installed on this machine (it could not be downloaded), so SNO Field Kit starts in browser mode instead.');
      expect(out).not.toMatch(/Error|at .*\(/);
    } finally {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
    }
  });
});
