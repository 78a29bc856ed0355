import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { LockHolder } from '../../../electron/services/lock/data-folder-lock';

const root = resolve(import.meta.dirname, '..', '..', '..');

export interface LockProcess {
  child: ChildProcess;
  /** Resolves with the first line that matches */
  line(pattern: RegExp): Promise<string>;
  go(): void;
  exited(): Promise<number | null>;
}

/** Starts hold-lock.ts as its own process and waits until it is ready to try the lock. */
export async function lockProcess(dataDir: string, holder: LockHolder): Promise<LockProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'hold-lock.ts'), dataDir, holder], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      const match = out.split('\n').find((l) => w.pattern.test(l));
      if (match) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(match);
      }
    }
  };
  child.stdout!.on('data', (d) => {
    out += String(d);
    check();
  });
  child.stderr!.on('data', (d) => (out += String(d)));
  const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const proc: LockProcess = {
    child,
    line: (pattern) =>
      new Promise((res, rej) => {
        waiters.push({ pattern, resolve: res });
        check();
        void exit.then(() => setImmediate(() => rej(new Error(`exited before ${pattern}:\n${out}`))));
      }),
    go: () => child.stdin!.write('go\n'),
    exited: () => exit,
  };
  await proc.line(/^ready$/);
  return proc;
}
