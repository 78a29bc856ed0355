import { link, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../shared/api/errors';
import { systemProbe, type ProcessProbe } from './process-probe';

/**
 * One program at a time changes a data folder. Two (a desktop app and a browser host, or a CLI
 * command) each serialise their own writes but not each other's, and handed out the same job
 * revision twice. The lock is a file holding its owner's pid, kind and start time, created
 * complete and atomically; a lock whose owner is gone is taken over, under a short takeover lock
 * so that two programs starting together cannot both take it.
 */
export const LOCK_FILE = 'sno-field-kit.lock';

export const lockHolderSchema = z.enum(['browserHost', 'cli', 'desktopApp']);
export type LockHolder = z.infer<typeof lockHolderSchema>;

const recordSchema = z.object({
  pid: z.number().int().positive(),
  holder: lockHolderSchema,
  /** When the owning process started (ISO) */
  startedAt: z.string(),
  hostname: z.string(),
  /** Random per lock: tells this lock from an older one left by a process with the same pid */
  token: z.string(),
  bootId: z.string().optional(),
  procStart: z.string().optional(),
});
export type LockRecord = z.infer<typeof recordSchema>;

export interface DataFolderLock {
  path: string;
  record: LockRecord;
  release(): Promise<void>;
}

/** Tokens of the locks (and takeover locks) this process holds right now. */
const liveTokens = new Set<string>();

/** Locks to remove on a normal exit (process.exit included); a crash leaves one that is stale. */
const heldLocks = new Map<string, string>();
let exitHookInstalled = false;
function removeOnExit(path: string, text: string): void {
  heldLocks.set(path, text);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const [lockPath, lockText] of heldLocks) {
      try {
        if (readFileSync(lockPath, 'utf8') === lockText) unlinkSync(lockPath);
      } catch {
        /* already gone */
      }
    }
  });
}

/** Without a boot id, a lock older than the last boot (minus clock slack) is from before a restart. */
const BOOT_SLACK_MS = 10 * 60_000;

/**
 * Whether the process named in a lock no longer owns it: gone, from before a restart, or its pid
 * now belongs to another program. A lock from another computer (a shared folder) is never
 * judged stale: its processes cannot be seen from here.
 */
export function isStale(record: LockRecord, probe: ProcessProbe, live: ReadonlySet<string> = liveTokens): boolean {
  if (record.hostname !== probe.hostname) return false;
  if (record.pid === probe.pid) return !live.has(record.token);
  if (!probe.isAlive(record.pid)) return true;
  const bootId = probe.bootId();
  if (record.bootId && bootId) {
    if (record.bootId !== bootId) return true;
  } else if (Date.parse(record.startedAt) < probe.bootTime() - BOOT_SLACK_MS) {
    return true;
  }
  const start = probe.processStart(record.pid);
  return Boolean(record.procStart && start && record.procStart !== start);
}

export async function acquireDataFolderLock(dataDir: string, holder: LockHolder, probe: ProcessProbe = systemProbe): Promise<DataFolderLock> {
  const path = join(dataDir, LOCK_FILE);
  const record = newRecord(holder, probe);
  const text = `${JSON.stringify(record)}\n`;
  try {
    await mkdir(dataDir, { recursive: true });
    for (let attempt = 0; attempt < 200; attempt++) {
      liveTokens.add(record.token);
      if (await createComplete(path, text)) return held(path, record, text, probe);
      liveTokens.delete(record.token);
      const seen = await readText(path);
      if (seen === undefined) continue;
      const owner = parseRecord(seen);
      // A lock file is complete from its first byte, so one that does not parse has no live owner.
      if (owner && !isStale(owner, probe)) throw busy(dataDir, path, owner, probe);
      if (!(await removeStale(path, seen, holder, probe))) await new Promise((r) => setTimeout(r, 10 + Math.random() * 40));
    }
    throw new AppError('app.lockFailed', { dir: dataDir, reason: 'contention' });
  } catch (err) {
    liveTokens.delete(record.token);
    if (err instanceof AppError) throw err;
    throw new AppError('app.lockFailed', { dir: dataDir, reason: (err as NodeJS.ErrnoException).code ?? String(err) });
  }
}

function newRecord(holder: LockHolder, probe: ProcessProbe): LockRecord {
  const bootId = probe.bootId();
  const procStart = probe.processStart(probe.pid);
  return {
    pid: probe.pid,
    holder,
    startedAt: new Date(probe.startedAt).toISOString(),
    hostname: probe.hostname,
    token: randomBytes(12).toString('hex'),
    ...(bootId ? { bootId } : {}),
    ...(procStart ? { procStart } : {}),
  };
}

function held(path: string, record: LockRecord, text: string, probe: ProcessProbe): DataFolderLock {
  let released = false;
  removeOnExit(path, text);
  return {
    path,
    record,
    async release() {
      if (released) return;
      released = true;
      if (heldLocks.get(path) === text) heldLocks.delete(path);
      liveTokens.delete(record.token);
      if ((await readText(path)) === text) await unlink(path).catch(() => {});
      await clearDeadTakeover(path, probe);
    },
  };
}

/**
 * A takeover lock whose owner is gone. removeIfUnchanged puts back a takeover lock it caught by
 * mistake; if that owner finished in the meantime, nobody else removes it, so the lock's owner
 * leaves the folder clean when it lets go (the next acquirer would also clear it, as stale).
 */
async function clearDeadTakeover(path: string, probe: ProcessProbe): Promise<void> {
  const takeover = `${path}.takeover`;
  const text = await readText(takeover).catch(() => undefined);
  if (text === undefined) return;
  const owner = parseRecord(text);
  if (!owner || isStale(owner, probe)) await removeIfUnchanged(takeover, text);
}

/**
 * Creates `path` with its whole content or not at all: the content goes to a temporary file made
 * with O_EXCL, which is then hard-linked to `path` (link fails with EEXIST when `path` exists,
 * like O_EXCL, and no reader ever sees a half-written lock).
 */
async function createComplete(path: string, text: string): Promise<boolean> {
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(tmp, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    await unlink(tmp).catch(() => {});
  }
}

/**
 * Removes a stale lock if it is still the one judged stale, holding the takeover lock while it
 * looks and removes; true when it looked (the caller then tries to create its lock again).
 */
async function removeStale(path: string, seen: string, holder: LockHolder, probe: ProcessProbe): Promise<boolean> {
  const takeover = `${path}.takeover`;
  const mine = newRecord(holder, probe);
  const mineText = `${JSON.stringify(mine)}\n`;
  liveTokens.add(mine.token);
  try {
    if (!(await createComplete(takeover, mineText))) {
      const other = await readText(takeover);
      const owner = other === undefined ? undefined : parseRecord(other);
      // Its owner died between taking it and giving it back (it holds it for milliseconds).
      if (other !== undefined && (!owner || isStale(owner, probe))) await removeIfUnchanged(takeover, other);
      return false;
    }
    try {
      if ((await readText(path)) === seen) await unlink(path).catch(() => {});
      return true;
    } finally {
      await unlink(takeover).catch(() => {});
    }
  } finally {
    liveTokens.delete(mine.token);
  }
}

/**
 * Removes a dead owner's takeover lock: move it away first (atomic), then check it is the one
 * seen; if a live one was caught instead, it is put back. Only a third process creating a new
 * takeover lock within those two calls could slip in, after an owner died mid-takeover.
 */
async function removeIfUnchanged(path: string, seen: string): Promise<void> {
  const aside = `${path}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await rename(path, aside);
  } catch {
    return;
  }
  if ((await readText(aside)) !== seen) await link(aside, path).catch(() => {});
  await unlink(aside).catch(() => {});
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function parseRecord(text: string): LockRecord | null {
  try {
    const parsed = recordSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const BUSY_CODE: Record<LockHolder, string> = { browserHost: 'app.inUseByBrowserHost', cli: 'app.inUseByCli', desktopApp: 'app.inUseByDesktopApp' };

function busy(dir: string, lock: string, owner: LockRecord, probe: ProcessProbe): AppError {
  const params = { dir, pid: owner.pid, since: localTime(owner.startedAt) };
  // Its processes cannot be seen from here (a shared folder, or this computer was renamed).
  if (owner.hostname !== probe.hostname) return new AppError('app.inUseOnOtherComputer', { ...params, host: owner.hostname, lock });
  return new AppError(BUSY_CODE[owner.holder], params);
}

/** 2026-11-28 09:40:12 in this computer's time zone: the same in both languages, 24-hour. */
function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
