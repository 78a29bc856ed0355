import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireDataFolderLock, isStale, LOCK_FILE, type LockRecord } from '../../../electron/services/lock/data-folder-lock';
import type { ProcessProbe } from '../../../electron/services/lock/process-probe';
import { AppError } from '../../../shared/api/errors';

const BOOT = Date.parse('2026-11-28T06:00:00Z');

/** A computer with a fixed set of running processes; ours is 100. */
function probe(over: Partial<ProcessProbe> & { alive?: number[]; starts?: Record<number, string> } = {}): ProcessProbe {
  const alive = new Set([100, ...(over.alive ?? [])]);
  return {
    pid: 100,
    hostname: 'laptop',
    startedAt: BOOT + 3_600_000,
    isAlive: (pid) => alive.has(pid),
    bootId: () => 'boot-1',
    bootTime: () => BOOT,
    processStart: (pid) => over.starts?.[pid] ?? (alive.has(pid) ? `start-${pid}` : undefined),
    ...over,
  };
}

const record = (over: Partial<LockRecord> = {}): LockRecord => ({
  pid: 200,
  holder: 'browserHost',
  startedAt: new Date(BOOT + 60_000).toISOString(),
  hostname: 'laptop',
  token: 'their-token',
  bootId: 'boot-1',
  procStart: 'start-200',
  ...over,
});

describe('is a lock stale (its owner gone)?', () => {
  it('no: its owner runs', () => {
    expect(isStale(record(), probe({ alive: [200] }))).toBe(false);
  });
  it('yes: its pid is dead', () => {
    expect(isStale(record(), probe())).toBe(true);
  });
  it('yes: its pid now belongs to another program (another start time)', () => {
    expect(isStale(record(), probe({ alive: [200], starts: { 200: 'start-later' } }))).toBe(true);
  });
  it('yes: it was written before the last restart (another boot id)', () => {
    expect(isStale(record({ bootId: 'boot-0' }), probe({ alive: [200] }))).toBe(true);
  });
  it('without boot ids (macOS, Windows): by the boot time, with slack for clock corrections', () => {
    const noIds = probe({ alive: [200], bootId: () => undefined, processStart: () => undefined });
    const { bootId: _b, procStart: _p, ...plain } = record();
    expect(isStale({ ...plain, startedAt: new Date(BOOT - 3_600_000).toISOString() }, noIds)).toBe(true);
    expect(isStale({ ...plain, startedAt: new Date(BOOT - 60_000).toISOString() }, noIds)).toBe(false);
  });
  it('our own pid: stale unless this process holds that very lock (a pid reused by us)', () => {
    expect(isStale(record({ pid: 100, token: 't1' }), probe(), new Set(['t1']))).toBe(false);
    expect(isStale(record({ pid: 100, token: 't0' }), probe(), new Set(['t1']))).toBe(true);
  });
  it('never: a lock from another computer (its processes cannot be seen from here)', () => {
    expect(isStale(record({ hostname: 'other' }), probe())).toBe(false);
  });
});

describe('data-folder lock in one process', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'sfk-lock-'));

  it('writes the owner (pid, what, start time) and removes the file on release', async () => {
    const d = dir();
    const lock = await acquireDataFolderLock(d, 'cli');
    const saved = JSON.parse(readFileSync(join(d, LOCK_FILE), 'utf8')) as LockRecord;
    expect(saved).toMatchObject({ pid: process.pid, holder: 'cli', token: lock.record.token });
    expect(Date.parse(saved.startedAt)).toBeLessThanOrEqual(Date.now());
    await lock.release();
    expect(readdirSync(d)).toEqual([]);
  });

  it('refuses a second owner with a message naming the first, in en and zh-CN', async () => {
    const d = dir();
    const first = await acquireDataFolderLock(d, 'desktopApp');
    const err = await acquireDataFolderLock(d, 'browserHost').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const busy = err as AppError;
    expect(busy.code).toBe('app.inUseByDesktopApp');
    expect(busy.params).toMatchObject({ dir: d, pid: process.pid, since: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/) });
    expect(busy.localized('en')).toContain(`desktop app (process ${process.pid}, started `);
    expect(busy.localized('zh-CN')).toContain(`桌面应用使用（进程 ${process.pid}，启动于 `);
    await first.release();
    await (await acquireDataFolderLock(d, 'browserHost')).release();
  });

  it('takes over a lock whose owner died, and one that is not a lock at all', async () => {
    const d = dir();
    writeFileSync(join(d, LOCK_FILE), JSON.stringify(record({ pid: 4242 })));
    const lock = await acquireDataFolderLock(d, 'browserHost', probe({ pid: process.pid }));
    expect(JSON.parse(readFileSync(join(d, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, token: lock.record.token });
    await lock.release();
    writeFileSync(join(d, LOCK_FILE), '');
    await (await acquireDataFolderLock(d, 'browserHost')).release();
    expect(readdirSync(d)).toEqual([]);
  });

  it('names the other computer and the lock file when the owner runs elsewhere', async () => {
    const d = dir();
    writeFileSync(join(d, LOCK_FILE), JSON.stringify(record({ hostname: 'field-laptop-2', holder: 'desktopApp' })));
    const err = (await acquireDataFolderLock(d, 'cli').catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe('app.inUseOnOtherComputer');
    expect(err.localized('en')).toContain(`on the computer field-laptop-2 (process 200`);
    expect(err.localized('en')).toContain(`delete ${join(d, LOCK_FILE)}`);
    expect(existsSync(join(d, LOCK_FILE))).toBe(true);
  });

  it('20 owners racing for a stale lock: exactly one gets it', async () => {
    const d = dir();
    writeFileSync(join(d, LOCK_FILE), JSON.stringify(record({ pid: 4242 })));
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        acquireDataFolderLock(d, 'browserHost', probe({ pid: process.pid })).then(
          (lock) => lock,
          (e: AppError) => e.code,
        ),
      ),
    );
    const winners = outcomes.filter((o) => typeof o !== 'string');
    expect(winners).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'app.inUseByBrowserHost')).toHaveLength(19);
    await winners[0]!.release();
    expect(readdirSync(d)).toEqual([]);
  });

  it('says what went wrong when the folder cannot hold a lock', async () => {
    const file = join(dir(), 'not-a-folder');
    writeFileSync(file, 'x');
    await expect(acquireDataFolderLock(file, 'cli')).rejects.toMatchObject({ code: 'app.lockFailed', params: { dir: file } });
  });
});
