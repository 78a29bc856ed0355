import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { until } from './wait';

export interface RunningHost {
  url: string;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

const root = resolve(import.meta.dirname, '..', '..');

/**
 * Starts the real browser host (`electron/host/serve.ts`) as a separate process, exactly as
 * `npm run serve` does, and waits for the URL it prints. Requires `vite build` (scripts/test.sh).
 */
export async function startHost(options: { dataDir?: string; args?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<RunningHost> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sfk-data-'));
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'electron/host/serve.ts'), '--data-dir', dataDir, ...(options.args ?? [])], {
    cwd: root,
    env: { ...(options.env ?? process.env) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const url = await until(
    () => {
      if (child.exitCode !== null) throw new Error(`host exited with ${child.exitCode}:\n${out}`);
      return /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out)?.[1];
    },
    () => `the browser host to print its URL:\n${out}`,
    {
      timeout: 30_000,
      changes: (wake) => {
        child.stdout!.on('data', wake);
        child.on('exit', wake);
        return () => {
          child.stdout!.off('data', wake);
          child.off('exit', wake);
        };
      },
    },
  );
  return {
    url,
    dataDir,
    process: child,
    output: () => out,
    stop: () =>
      new Promise<void>((res) => {
        if (child.exitCode !== null) return res();
        child.once('exit', () => res());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
