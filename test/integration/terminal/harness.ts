import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerminalManager, type TerminalManagerOptions } from '../../../electron/services/terminal/terminal-manager';
import { JobStore } from '../../../electron/services/jobs/job-store';
import { systemClock } from '../../../electron/services/clock';
import { until } from '../../support/wait';

/** Collects a session's output as a renderer would, acknowledging what it has "drawn". */
export class Screen {
  text = '';
  lastSeq = 0;
  gaps = 0;
  exit: { exitCode: number; signal?: number } | undefined;
  readonly #listeners = new Set<() => void>();

  take(seq: number, data: string): void {
    if (seq !== this.lastSeq + 1) this.gaps += 1;
    this.lastSeq = seq;
    this.text += data;
    this.#wake();
  }
  ended(e: { exitCode: number; signal?: number }): void {
    this.exit = e;
    this.#wake();
  }
  #wake(): void {
    for (const listener of this.#listeners) listener();
  }
  /** Resolves when `test` holds (re-checked on every output and exit), or fails with what was seen so far. */
  async until(test: (s: Screen) => boolean, timeoutMs = 20_000, what = 'condition'): Promise<void> {
    await until(
      () => test(this),
      () => `${what}; screen so far:\n${this.text.slice(-2000)}`,
      {
        timeout: timeoutMs,
        interval: 200,
        changes: (wake) => {
          this.#listeners.add(wake);
          return () => this.#listeners.delete(wake);
        },
      },
    );
  }
}

export interface Harness {
  manager: TerminalManager;
  jobs: JobStore;
  dataDir: string;
  screen(id: string): Screen;
  /** Output size only, for the burst test (does not keep the text). */
  counted(id: string): { chars: number; events: number };
}

export function createHarness(options: Partial<TerminalManagerOptions> & { autoAck?: boolean; keepText?: boolean } = {}): Harness {
  const dataDir = mkdtempSync(join(tmpdir(), 'sfk-term-'));
  const jobs = new JobStore(dataDir, systemClock);
  const screens = new Map<string, Screen>();
  const counts = new Map<string, { chars: number; events: number }>();
  const screen = (id: string) => {
    let s = screens.get(id);
    if (!s) screens.set(id, (s = new Screen()));
    return s;
  };
  const manager: TerminalManager = new TerminalManager({
    jobs,
    assistedApiUrl: () => 'https://api.openshift.com',
    sink: {
      output: ({ id, seq, data }) => {
        const c = counts.get(id) ?? { chars: 0, events: 0 };
        c.chars += data.length;
        c.events += 1;
        counts.set(id, c);
        if (options.keepText !== false) screen(id).take(seq, data);
        if (options.autoAck !== false) setImmediate(() => manager.ack(id, data.length));
      },
      exit: ({ id, ...rest }) => screen(id).ended(rest),
    },
    ...options,
  });
  return { manager, jobs, dataDir, screen, counted: (id) => counts.get(id) ?? { chars: 0, events: 0 } };
}
