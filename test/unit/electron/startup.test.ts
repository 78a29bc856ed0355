import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportStartupFailure, startupFailureMessage } from '../../../electron/services/startup/startup-failure';
import { startSingleInstance, type InstanceApp } from '../../../electron/services/startup/single-instance';
import { AppError } from '../../../shared/api/errors';

const busy = new AppError('app.inUseByBrowserHost', { dir: '/home/tech/.config/sno-field-kit', pid: 4242, since: '2026-11-28 09:40:12' });

describe('the desktop app cannot start: the native dialog', () => {
  it('names the reason and the log, in en and zh-CN', () => {
    const en = startupFailureMessage(busy, '/home/tech/.config/sno-field-kit/logs/app.log', 'en');
    expect(en.title).toBe('SNO Field Kit could not start');
    expect(en.body).toContain('in use by the SNO Field Kit browser host (process 4242, started 2026-11-28 09:40:12)');
    expect(en.body).toMatch(/The log may tell more: \/home\/tech\/\.config\/sno-field-kit\/logs\/app\.log$/);
    const zh = startupFailureMessage(busy, '/x/logs/app.log', 'zh-CN');
    expect(zh.title).toBe('SNO Field Kit 无法启动');
    expect(zh.body).toContain('（进程 4242，启动于 2026-11-28 09:40:12）');
    expect(zh.body).toContain('日志中可能有更多信息：/x/logs/app.log');
  });

  it('an unexpected error keeps its text, without secrets', () => {
    const body = startupFailureMessage(new Error('EACCES: open /data/settings.json with Authorization: Bearer abcdefghijklmnop'), '/l', 'en').body;
    expect(body).toContain('EACCES: open /data/settings.json');
    expect(body).not.toContain('abcdefghijklmnop');
  });

  it('records the failure in the log it points to', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sfk-startup-'));
    const message = reportStartupFailure(busy, dataDir, 'en');
    const log = join(dataDir, 'logs', 'app.log');
    expect(message.body).toContain(log);
    expect(JSON.parse(readFileSync(log, 'utf8').trim())).toMatchObject({ level: 'error', message: 'startup failed', code: 'app.inUseByBrowserHost' });
  });
});

/** Electron's `app` for the part the rule uses: the single-instance lock and its event. */
function fakeApp(gotLock: boolean) {
  const calls: string[] = [];
  const listeners: (() => void)[] = [];
  const app: InstanceApp = {
    requestSingleInstanceLock: () => gotLock,
    quit: () => void calls.push('quit'),
    on: (_event, listener) => listeners.push(listener),
  };
  return { app, calls, secondLaunch: () => listeners.forEach((l) => l()) };
}

describe('one desktop app at a time', () => {
  it('a second launch quits and starts nothing', () => {
    const { app, calls } = fakeApp(false);
    const started: string[] = [];
    expect(startSingleInstance(app, { start: async () => void started.push('start'), focus: () => started.push('focus'), fail: () => started.push('fail') })).toBe('handedOver');
    expect(calls).toEqual(['quit']);
    expect(started).toEqual([]);
  });

  it('the first starts, and a later launch brings its window to the front', async () => {
    const { app, calls, secondLaunch } = fakeApp(true);
    const seen: string[] = [];
    expect(startSingleInstance(app, { start: async () => void seen.push('start'), focus: () => seen.push('focus'), fail: () => seen.push('fail') })).toBe('started');
    secondLaunch();
    expect(seen).toEqual(['start', 'focus']);
    expect(calls).toEqual([]);
  });

  it('a failed start reaches the failure handler (the dialog), not an unhandled rejection', async () => {
    const { app } = fakeApp(true);
    const failed = new Promise<unknown>((resolve) => startSingleInstance(app, { start: () => Promise.reject(busy), focus: () => {}, fail: resolve }));
    expect(await failed).toBe(busy);
  });
});
