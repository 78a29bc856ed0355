import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startHost, type RunningHost } from '../../support/host';
import { LOCK_FILE } from '../../../electron/services/lock/data-folder-lock';
import { addressOf, stillServes, stubRendererDir } from '../../support/ws-client';
import { lockProcess, type LockProcess } from './lock-holder';

/**
 * Issue #13 item 4: two programs on one data folder handed out job revisions twice. Every program
 * that writes the folder (desktop app, browser host, `sno-field-kit jobs`) now takes one lock;
 * these are real processes, as a technician would start them.
 */
const root = resolve(import.meta.dirname, '..', '..', '..');
const rendererDir = stubRendererDir();
const env = (extra: NodeJS.ProcessEnv = {}) => ({ ...process.env, SFK_RENDERER_DIR: rendererDir, SFK_LANG: 'en', ...extra });

const started: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of started.splice(0)) await s.stop();
});

async function host(dataDir: string): Promise<RunningHost> {
  const h = await startHost({ dataDir, env: env() });
  started.push(h);
  return h;
}

async function holding(dataDir: string, holder: Parameters<typeof lockProcess>[1]): Promise<LockProcess> {
  const p = await lockProcess(dataDir, holder);
  started.push({ stop: async () => void (p.child.exitCode === null && p.child.signalCode === null && (p.child.stdin!.end(), await p.exited())) });
  p.go();
  await p.line(/^locked \d+$/);
  return p;
}

/** Runs a program to its end: exit code and everything it printed. */
function run(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((res) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, env: env(extraEnv), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += String(d)));
    child.stderr.on('data', (d) => (output += String(d)));
    child.once('exit', (code) => res({ code, output }));
  });
}
const serve = (dataDir: string, extraEnv?: NodeJS.ProcessEnv) => run([join(root, 'electron/host/serve.ts'), '--data-dir', dataDir], extraEnv);
const cli = (args: string[], extraEnv?: NodeJS.ProcessEnv) => run([join(root, 'bin/sno-field-kit.mjs'), ...args], extraEnv);
const lockPid = (dataDir: string) => (JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as { pid: number }).pid;
const dataDir = () => mkdtempSync(join(tmpdir(), 'sfk-locked-'));

describe('one program per data folder (real processes)', { timeout: 120_000 }, () => {
  it('a second browser host refuses, naming the first (pid, what it is, start time), in en and zh-CN', async () => {
    const dir = dataDir();
    const first = await host(dir);
    const pid = first.process.pid!;
    const second = await serve(dir);
    expect(second.code).toBe(1);
    expect(second.output).toMatch(new RegExp(`in use by the SNO Field Kit browser host \\(process ${pid}, started \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\)`));
    const zh = await serve(dir, { SFK_LANG: 'zh-CN' });
    expect(zh.code).toBe(1);
    expect(zh.output).toContain(`正被 SNO Field Kit 浏览器模式服务（browser host）使用（进程 ${pid}，启动于 `);
    // The first one was not disturbed.
    expect(await stillServes(addressOf(first.url))).toBe(true);
    expect(lockPid(dir)).toBe(pid);
  });

  it('the CLI refuses while the host runs; the host refuses while a CLI command or the desktop app holds the folder', async () => {
    const dir = dataDir();
    const running = await host(dir);
    const listed = await cli(['jobs', 'list', '--data-dir', dir]);
    expect(listed.code).toBe(1);
    expect(listed.output).toContain(`browser host (process ${running.process.pid}, started `);
    await running.stop();

    const command = await holding(dir, 'cli');
    const refused = await serve(dir);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(`in use by an SNO Field Kit command-line (CLI) command (process ${command.child.pid}, started `);
    command.child.stdin!.end();
    await command.exited();

    const desktop = await holding(dir, 'desktopApp');
    const refusedToo = await serve(dir);
    expect(refusedToo.output).toContain(`in use by the SNO Field Kit desktop app (process ${desktop.child.pid}, started `);
  });

  it('a lock left by a crashed program (dead pid) is taken over', async () => {
    const dir = dataDir();
    const crashed = await holding(dir, 'desktopApp');
    const deadPid = crashed.child.pid!;
    crashed.child.kill('SIGKILL');
    await crashed.exited();
    expect(lockPid(dir)).toBe(deadPid);
    const next = await host(dir);
    expect(lockPid(dir)).toBe(next.process.pid);
    expect(await stillServes(addressOf(next.url))).toBe(true);
    // And the CLI gets the folder once the host has stopped.
    await next.stop();
    expect(await cli(['jobs', 'list', '--data-dir', dir])).toMatchObject({ code: 0, output: expect.stringContaining('No jobs in this data folder.') });
  });

  it('six programs starting together on a stale lock: exactly one gets the folder', async () => {
    const dir = dataDir();
    const crashed = await holding(dir, 'browserHost');
    crashed.child.kill('SIGKILL');
    await crashed.exited();
    const racers = await Promise.all(Array.from({ length: 6 }, () => lockProcess(dir, 'cli')));
    for (const r of racers) started.push({ stop: async () => void (r.child.exitCode === null && (r.child.stdin!.end(), await r.exited())) });
    for (const r of racers) r.go();
    const results = await Promise.all(racers.map((r) => r.line(/^(locked|refused) /)));
    const winners = results.filter((l) => l.startsWith('locked'));
    expect(winners, results.join('\n')).toHaveLength(1);
    const winnerPid = Number(winners[0]!.split(' ')[1]);
    for (const l of results.filter((x) => x.startsWith('refused')))
      expect(l).toContain(`app.inUseByCli The data folder ${dir} is in use by an SNO Field Kit command-line (CLI) command (process ${winnerPid},`);
    expect(lockPid(dir)).toBe(winnerPid);
  });
});
