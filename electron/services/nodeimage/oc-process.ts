import { spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { redact } from '../../../shared/redact';

export interface OcProcessOptions {
  ocPath: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** Every line of output (stdout and stderr), already redacted */
  onLine: (line: string, stream: 'stdout' | 'stderr') => void;
  /** The whole output, redacted, for the job folder */
  logFile: string;
  /** Between SIGINT, SIGTERM and SIGKILL on cancel */
  graceMs?: number;
}

export interface OcExit {
  code: number | null;
  signal: string | null;
  /** The process could not be started at all (missing or not executable) */
  spawnError?: string;
}

export interface OcProcess {
  pid: number | undefined;
  done: Promise<OcExit>;
  /** Stops oc and everything it started (its process group), politely first. */
  cancel(): Promise<OcExit>;
}

/**
 * One `oc` run as a managed process: its own process group (so a cancel reaches rsync or tar it
 * starts to copy the ISO), output split into lines, redacted, logged to the job and handed on.
 */
export async function startOcProcess(o: OcProcessOptions): Promise<OcProcess> {
  await mkdir(dirname(o.logFile), { recursive: true });
  const log = createWriteStream(o.logFile, { flags: 'a', mode: 0o600 });
  log.write(`# ${new Date().toISOString()} ${redact([o.ocPath, ...o.args].join(' '))}\n`);
  const child = spawn(o.ocPath, o.args, { cwd: o.cwd, env: o.env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
  const emit = lineSplitter(log, o.onLine);
  child.stdout!.on('data', (d: Buffer) => emit('stdout', d));
  child.stderr!.on('data', (d: Buffer) => emit('stderr', d));
  let exited: OcExit | undefined;
  const done = new Promise<OcExit>((resolve) => {
    child.once('error', (err) => {
      exited = { code: null, signal: null, spawnError: (err as NodeJS.ErrnoException).code ?? err.message };
      log.end(`# could not start: ${exited.spawnError}\n`, () => resolve(exited!));
    });
    child.once('close', (code, signal) => {
      if (exited) return;
      emit('stdout', Buffer.alloc(0), true);
      emit('stderr', Buffer.alloc(0), true);
      exited = { code, signal };
      log.end(`# exit ${code ?? signal}\n`, () => resolve(exited!));
    });
  });
  const signalGroup = (sig: NodeJS.Signals) => {
    if (exited || child.pid === undefined) return;
    try {
      if (process.platform === 'win32') child.kill(sig);
      else process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
  };
  const grace = o.graceMs ?? 5000;
  return {
    pid: child.pid,
    done,
    async cancel() {
      if (exited) return exited;
      const timers = [setTimeout(() => signalGroup('SIGTERM'), grace), setTimeout(() => signalGroup('SIGKILL'), 2 * grace)];
      signalGroup('SIGINT');
      const result = await done;
      timers.forEach(clearTimeout);
      return result;
    },
  };
}

/** Splits chunks into lines per stream, keeping a partial last line until its end arrives. */
function lineSplitter(log: WriteStream, onLine: OcProcessOptions['onLine']) {
  const partial = { stdout: '', stderr: '' };
  return (stream: 'stdout' | 'stderr', chunk: Buffer, flush = false) => {
    const text = partial[stream] + chunk.toString('utf8');
    const lines = text.split('\n');
    partial[stream] = flush ? '' : (lines.pop() ?? '');
    for (const raw of lines) {
      if (flush && raw === '') continue;
      const line = redact(raw.replace(/\r$/, ''));
      log.write(`${line}\n`);
      onLine(line, stream);
    }
  };
}
