import type { Clock, Scheduler } from '../../electron/services/clock';
import { until } from './wait';

interface Task {
  ms: number;
  /** Clock time it is due */
  at: number;
  run: () => void;
}

/**
 * A Scheduler (and Clock) the test drives: nothing scheduled runs until the test steps to it, and
 * stepping moves the clock by the task's delay. Polling and back-off are then checked by the delays
 * the code asked for, with no real time passing and nothing left to luck on a busy machine.
 */
export class ManualScheduler implements Scheduler {
  readonly #pending: Task[] = [];
  readonly #listeners = new Set<() => void>();
  #scheduledCount = 0;
  #now: number;
  readonly clock: Clock = { now: () => this.#now };

  constructor(start = Date.now()) {
    this.#now = start;
  }

  after(ms: number, run: () => void): () => void {
    const task = { ms, at: this.#now + ms, run };
    this.#pending.push(task);
    this.#scheduledCount += 1;
    for (const listener of this.#listeners) listener();
    return () => {
      const i = this.#pending.indexOf(task);
      if (i >= 0) this.#pending.splice(i, 1);
    };
  }

  /** Delays of the tasks waiting to run, in the order they were scheduled. */
  get pending(): number[] {
    return this.#pending.map((t) => t.ms);
  }

  /** Waits (event-driven) until something is scheduled; returns the delay of the newest task. */
  async scheduled(what = 'a task to be scheduled'): Promise<number> {
    await until(() => this.#pending.length > 0, what, { changes: this.#subscribe });
    return this.#pending.at(-1)!.ms;
  }

  /**
   * Runs the task due first (moving the clock to its time) and waits until the code schedules its
   * successor, as a poll loop does when a poll has finished; returns the successor's delay.
   */
  async step(what = 'the next task to be scheduled'): Promise<number> {
    const before = this.#scheduledCount;
    const next = this.#pending.reduce<Task | undefined>((a, t) => (!a || t.at < a.at ? t : a), undefined);
    if (!next) throw new Error('ManualScheduler.step: nothing is scheduled');
    this.#pending.splice(this.#pending.indexOf(next), 1);
    this.#now = Math.max(this.#now, next.at);
    next.run();
    await until(() => this.#scheduledCount > before, what, { changes: this.#subscribe });
    return this.#pending.at(-1)!.ms;
  }

  readonly #subscribe = (wake: () => void) => {
    this.#listeners.add(wake);
    return () => void this.#listeners.delete(wake);
  };
}
