import { readdirSync, readFileSync } from 'node:fs';
import type { WriteStatus } from '../../../shared/api/domains/usb';

/**
 * A loop device takes a whole image at memory speed, faster than a person (or a browser driven by
 * a test on a loaded machine) can press Cancel. To rehearse "the technician cancels halfway"
 * without racing the clock, the test freezes the real helper process (SIGSTOP) the moment it
 * reports a phase, lets the UI do its part, then thaws it (SIGCONT). The helper itself runs
 * unchanged: it only finds, when it resumes, the cancel that arrived while it was stopped.
 */
export interface FrozenHelper {
  readonly pid: number;
  readonly status: WriteStatus;
  thaw(): void;
}

type Subscribe = (listener: (name: string, payload: unknown) => void) => () => void;

/** Child processes of this process whose command line names `script` (the helper bundle). */
export function helperPids(script: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // the command name is in parentheses and may hold spaces: the parent pid is the 2nd field after it
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(script)) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** Resolves once the helper running `script` has reported `phase` and been stopped (SIGSTOP). */
export function freezeHelperAt(subscribe: Subscribe, script: string, phase: WriteStatus['phase']): Promise<FrozenHelper> {
  return new Promise((resolve, reject) => {
    const off = subscribe((name, payload) => {
      if (name !== 'usb.writeChanged') return;
      const status = payload as WriteStatus;
      if (status.phase !== phase || status.state !== 'running') return;
      off();
      const pids = helperPids(script);
      if (pids.length !== 1) return reject(new Error(`expected one running helper for ${script}, found ${pids.length}`));
      const pid = pids[0]!;
      process.kill(pid, 'SIGSTOP');
      resolve({ pid, status, thaw: () => process.kill(pid, 'SIGCONT') });
    });
  });
}
