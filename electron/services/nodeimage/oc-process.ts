import { spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { redact } from '../../../shared/redact';
import { StreamRedactor } from '../../../shared/redact-stream';

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

/** Longest piece of output held while waiting for its line break (oc's lines are short; hostile output is not). */
const MAX_LINE = 64 * 1024;

/**
 * Splits chunks into redacted lines per stream. Redaction runs on the stream (StreamRedactor), so a
 * token or key split across chunks is still caught; a line longer than MAX_LINE is handed on in
 * pieces, so output without line breaks cannot grow memory.
 */
function lineSplitter(log: WriteStream, onLine: OcProcessOptions['onLine']) {
  // A decoder per stream: a chunk may end inside a multi-byte character.
  const open = () => ({ decoder: new StringDecoder('utf8'), redactor: new StreamRedactor(), partial: '' });
  const streams = { stdout: open(), stderr: open() };
  const emit = (line: string, stream: 'stdout' | 'stderr') => {
    for (let at = 0; at === 0 || at < line.length; at += MAX_LINE) {
      const piece = line.slice(at, at + MAX_LINE);
      log.write(`${piece}\n`);
      onLine(piece, stream);
    }
  };
  return (stream: 'stdout' | 'stderr', chunk: Buffer, flush = false) => {
    const s = streams[stream];
    const text = s.decoder.write(chunk) + (flush ? s.decoder.end() : '');
    const released = s.redactor.push(text) + (flush ? s.redactor.flush() : '');
    const lines = (s.partial + released).split('\n');
    s.partial = flush ? '' : (lines.pop() ?? '');
    for (const raw of lines) {
      if (flush && raw === '') continue;
      emit(raw.replace(/\r$/, ''), stream);
    }
    while (s.partial.length > MAX_LINE) {
      emit(s.partial.slice(0, MAX_LINE), stream);
      s.partial = s.partial.slice(MAX_LINE);
    }
  };
}
