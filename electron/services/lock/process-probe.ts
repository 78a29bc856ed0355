import { readFileSync } from 'node:fs';
import { hostname, uptime } from 'node:os';

/**
 * What the data-folder lock needs to know about processes, injectable so that the decision
 * "is this lock's owner still running?" is tested without real processes.
 */
export interface ProcessProbe {
  /** This process */
  pid: number;
  hostname: string;
  /** When this process started (ms since the epoch) */
  startedAt: number;
  isAlive(pid: number): boolean;
  /** Linux: changes with every boot, so a lock from before a restart is recognised for sure */
  bootId(): string | undefined;
  /** When the machine last booted (ms since the epoch), for systems without a boot id */
  bootTime(): number;
  /** Linux: the process's start time in clock ticks since boot; a reused pid has another one */
  processStart(pid: number): string | undefined;
}

export const systemProbe: ProcessProbe = {
  pid: process.pid,
  hostname: hostname(),
  startedAt: Date.now() - Math.round(process.uptime() * 1000),
  isAlive(pid) {
    try {
      process.kill(pid, 0);
      return true;
    } catch (err) {
      // EPERM: it exists but belongs to another user.
      return (err as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
  bootId: () => readLinux('/proc/sys/kernel/random/boot_id')?.trim(),
  bootTime: () => Date.now() - uptime() * 1000,
  processStart(pid) {
    const stat = readLinux(`/proc/${pid}/stat`);
    // Field 22 (starttime); the command name in field 2 may hold spaces, so count from its ')'.
    return stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  },
};

function readLinux(path: string): string | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
