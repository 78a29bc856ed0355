import { spawn as spawnPty, type IPty, type IPtyForkOptions } from '@lydell/node-pty';
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import type { TerminalSession } from '../../../shared/api/domains/terminal';
import { CONTEXT_VARS, jobContextVars, type JobLike } from '../../../shared/terminal/job-context';
import { filterInheritedEnv } from '../../../shared/terminal/env-filter';
import { sshArgs, suggestSshTarget, type SshTarget } from '../../../shared/terminal/ssh-target';
import { PtySession, type SessionSink, type SessionStats } from './pty-session';
import { SessionLogFile } from './session-log-file';
import { findOnPath, resolveLoginShell } from './login-shell';

export const MAX_SESSIONS = 16;

export interface TerminalJobs {
  get(id: string): Promise<JobLike>;
  folder(id: string): string;
  updateData<T>(id: string, key: string, change: (current: T | undefined) => T): Promise<unknown>;
}

export interface TerminalManagerOptions {
  jobs: TerminalJobs;
  sink: SessionSink;
  /** The Assisted Installer API base from Settings (API_URL when the job names none) */
  assistedApiUrl: () => string | undefined;
  logger?: { info(msg: string, fields?: Record<string, unknown>): void; warn(msg: string, fields?: Record<string, unknown>): void };
  /** The environment the app inherited; tests pass their own. */
  baseEnv?: Record<string, string | undefined>;
  /** Overrides the login shell (tests run /bin/sh -c ...). */
  shell?: { file: string; args: string[] };
  now?: () => number;
}

export interface Size {
  cols: number;
  rows: number;
}

/**
 * All terminal sessions of this process: local login shells in the job folder with the job's
 * context variables, and SSH tabs through the system client. Sessions outlive the page that
 * shows them (the renderer re-attaches after a reload) and are killed when the app quits.
 */
export class TerminalManager {
  readonly #sessions = new Map<string, PtySession>();

  constructor(private readonly options: TerminalManagerOptions) {}

  async context(jobId: string) {
    const job = await this.options.jobs.get(jobId);
    return {
      folder: this.options.jobs.folder(jobId),
      vars: jobContextVars(job, this.#contextOptions()),
      ssh: suggestSshTarget(job.data),
    };
  }

  async openLocal(request: Size & { jobId?: string | undefined }): Promise<TerminalSession> {
    this.#checkRoom();
    const shell = this.options.shell ?? resolveLoginShell(this.options.baseEnv);
    const env = this.#baseEnv();
    let cwd = homedir();
    let contextVars: string[] = [];
    if (request.jobId) {
      const job = await this.options.jobs.get(request.jobId);
      cwd = this.#prepareFolder(request.jobId);
      // Inherited values would point `oc` at some other cluster: only this job's context applies.
      for (const name of CONTEXT_VARS) delete env[name];
      for (const v of jobContextVars(job, this.#contextOptions())) {
        if (v.value !== undefined) env[v.name] = v.value;
      }
      contextVars = CONTEXT_VARS.filter((n) => env[n] !== undefined);
    }
    return this.#start({
      kind: 'local',
      title: basename(shell.file),
      file: shell.file,
      args: shell.args,
      cwd,
      env,
      size: request,
      jobId: request.jobId,
      contextVars,
      header: `local shell ${shell.file} in ${cwd}${contextVars.length ? `; context: ${contextVars.join(', ')}` : ''}`,
    });
  }

  async openSsh(request: Size & SshTarget & { jobId?: string | undefined }): Promise<TerminalSession> {
    this.#checkRoom();
    const env = this.#baseEnv();
    const ssh = findOnPath('ssh', { PATH: env.PATH });
    if (!ssh) throw new AppError('terminal.sshMissing');
    const target: SshTarget = { host: request.host, user: request.user, port: request.port, ...(request.keyPath ? { keyPath: request.keyPath } : {}) };
    if (target.keyPath) checkKeyFile(target.keyPath);
    let cwd = homedir();
    let knownHostsFile: string | undefined;
    if (request.jobId) {
      await this.options.jobs.get(request.jobId);
      cwd = this.#prepareFolder(request.jobId);
      knownHostsFile = join(cwd, 'known_hosts');
      await this.options.jobs.updateData<Record<string, unknown>>(request.jobId, 'terminal', (current) => ({ ...(current ?? {}), ssh: target }));
    }
    return this.#start({
      kind: 'ssh',
      title: `${target.user}@${target.host}`,
      sshHost: target.host,
      file: ssh,
      args: sshArgs(target, knownHostsFile ? { knownHostsFile } : {}),
      cwd,
      env,
      size: request,
      jobId: request.jobId,
      contextVars: [],
      header: `ssh ${target.user}@${target.host} port ${target.port}${target.keyPath ? ` key ${target.keyPath}` : ''}`,
    });
  }

  list(): TerminalSession[] {
    return [...this.#sessions.values()].map((s) => ({ ...s.info }));
  }

  attach(id: string): { session: TerminalSession; replay: string; seq: number } {
    const session = this.#get(id);
    return { session: { ...session.info }, ...session.attach() };
  }

  input(id: string, data: string): number {
    const session = this.#get(id);
    if (!session.running) throw new AppError('terminal.notRunning', { id });
    return session.write(data);
  }

  resize(id: string, size: Size): void {
    this.#get(id).resize(size.cols, size.rows);
  }

  ack(id: string, chars: number): void {
    // Acks for a session closed meanwhile are harmless.
    this.#sessions.get(id)?.ack(chars);
  }

  kill(id: string): void {
    this.#get(id).kill();
  }

  close(id: string): boolean {
    const session = this.#sessions.get(id);
    if (!session) return false;
    session.kill();
    this.#sessions.delete(id);
    return true;
  }

  stats(id: string): SessionStats {
    return this.#get(id).stats();
  }

  /** Waits for a session's program to end (tests, shutdown). */
  exited(id: string): Promise<void> {
    return this.#get(id).exited;
  }

  async dispose(): Promise<void> {
    const all = [...this.#sessions.values()];
    for (const s of all) s.kill(1000);
    await Promise.race([Promise.all(all.map((s) => s.exited)), new Promise((r) => setTimeout(r, 3000).unref())]);
    this.#sessions.clear();
  }

  #start(spec: {
    kind: 'local' | 'ssh';
    title: string;
    sshHost?: string;
    file: string;
    args: string[];
    cwd: string;
    env: Record<string, string>;
    size: Size;
    jobId: string | undefined;
    contextVars: string[];
    header: string;
  }): TerminalSession {
    const id = `t${randomBytes(6).toString('hex')}`;
    const startedAt = new Date(this.options.now?.() ?? Date.now()).toISOString();
    const logPath = spec.jobId ? join(spec.cwd, 'terminal', `${startedAt.replace(/[:.]/g, '-')}-${spec.kind}-${id}.log`) : undefined;
    const forkOptions: IPtyForkOptions = { name: 'xterm-256color', cols: spec.size.cols, rows: spec.size.rows, cwd: spec.cwd, env: spec.env, encoding: 'utf8' };
    let pty: IPty;
    try {
      pty = spawnPty(spec.file, spec.args, forkOptions);
    } catch (err) {
      throw new AppError('terminal.spawnFailed', { program: spec.file, reason: err instanceof Error ? err.message : String(err) });
    }
    const info: TerminalSession = {
      id,
      kind: spec.kind,
      title: spec.title,
      ...(spec.sshHost ? { sshHost: spec.sshHost } : {}),
      ...(spec.jobId ? { jobId: spec.jobId } : {}),
      cwd: spec.cwd,
      startedAt,
      state: 'running',
      ...(logPath ? { logPath } : {}),
      contextVars: spec.contextVars,
    };
    const log = logPath ? new SessionLogFile(logPath, `[SNO Field Kit session log, ${startedAt}: ${spec.header}; secrets removed]`) : undefined;
    this.#sessions.set(id, new PtySession(info, pty, this.options.sink, log));
    this.options.logger?.info('terminal opened', { id, kind: spec.kind, jobId: spec.jobId, pid: pty.pid });
    return { ...info };
  }

  #baseEnv(): Record<string, string> {
    const { env, removed } = filterInheritedEnv(this.options.baseEnv ?? process.env);
    if (removed.length) this.options.logger?.info('terminal environment: dropped variables', { names: removed });
    env.TERM = 'xterm-256color';
    env.COLORTERM = 'truecolor';
    env.TERM_PROGRAM = 'sno-field-kit';
    // xterm renders UTF-8 (zh-CN output, box drawing); a bare C locale would mangle it.
    if (!env.LANG && !env.LC_ALL) env.LANG = 'C.UTF-8';
    return env;
  }

  #contextOptions() {
    const url = this.options.assistedApiUrl();
    return url ? { assistedApiUrl: url } : {};
  }

  #prepareFolder(jobId: string): string {
    const folder = this.options.jobs.folder(jobId);
    try {
      mkdirSync(folder, { recursive: true });
    } catch (err) {
      throw new AppError('terminal.folderFailed', { path: folder, reason: err instanceof Error ? err.message : String(err) });
    }
    return folder;
  }

  #checkRoom(): void {
    const running = [...this.#sessions.values()].filter((s) => s.running).length;
    if (running >= MAX_SESSIONS) throw new AppError('terminal.tooMany', { max: MAX_SESSIONS });
  }

  #get(id: string): PtySession {
    const session = this.#sessions.get(id);
    if (!session) throw new AppError('terminal.notFound', { id });
    return session;
  }
}

/** ssh refuses a private key others can read; say so in the technician's language before it does. */
function checkKeyFile(path: string): void {
  try {
    accessSync(path, constants.R_OK);
    if (!statSync(path).isFile()) throw new Error('not a file');
  } catch {
    throw new AppError('terminal.keyMissing', { path });
  }
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) throw new AppError('terminal.keyPermissions', { path });
}
