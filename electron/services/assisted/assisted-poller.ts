import { isAppError } from '../../../shared/api/errors';
import type { AssistedState } from '../../../shared/api/domains/assisted';
import { isFinalStatus } from '../../../shared/assisted/status';
import type { AssistedContext } from './assisted-context';

interface Watch {
  cancel: (() => void) | undefined;
  failures: number;
  lastEventsAt: number;
  stopped: boolean;
}

/** Polls a job's hosts (~10 s) and events (~60 s) while its screen is open, backing off when offline. */
export class AssistedPoller {
  readonly #watches = new Map<string, Watch>();

  constructor(
    private readonly c: AssistedContext,
    private readonly refresh: (jobId: string, options: { events?: boolean }) => Promise<AssistedState>,
  ) {}

  watching(jobId: string): boolean {
    return this.#watches.has(jobId);
  }

  watch(jobId: string, active: boolean): { watching: boolean } {
    const existing = this.#watches.get(jobId);
    if (!active) {
      if (existing) {
        existing.stopped = true;
        existing.cancel?.();
        this.#watches.delete(jobId);
      }
      return { watching: false };
    }
    if (existing) return { watching: true };
    const w: Watch = { cancel: undefined, failures: 0, lastEventsAt: 0, stopped: false };
    this.#watches.set(jobId, w);
    const tick = async () => {
      if (w.stopped) return;
      let delay = this.c.o.pollHostsMs;
      try {
        const now = this.c.o.clock.now();
        const eventsDue = now - w.lastEventsAt >= this.c.o.pollEventsMs;
        const state = await this.refresh(jobId, { events: eventsDue });
        if (eventsDue) w.lastEventsAt = now;
        w.failures = 0;
        // Nothing more will be posted once every host has rebooted: slow down to the events pace.
        if (state.hosts.length && state.hosts.every((h) => isFinalStatus(h.status))) delay = this.c.o.pollEventsMs;
      } catch (err) {
        w.failures += 1;
        // Back off on failures (offline, 5xx after retries): 10 s, 20 s, 40 s … up to 5 minutes, with jitter.
        delay = Math.min(this.c.o.pollHostsMs * 2 ** w.failures, 300_000) * (0.9 + Math.random() * 0.2);
        if (isAppError(err, 'jobs.notFound')) return this.watch(jobId, false) && undefined;
        this.c.o.logger.warn('assisted poll failed', { jobId, code: isAppError(err) ? err.code : 'unexpected', failures: w.failures });
      }
      if (!w.stopped) w.cancel = this.c.o.scheduler.after(delay, () => void tick());
    };
    void tick();
    return { watching: true };
  }

  dispose(): void {
    for (const id of [...this.#watches.keys()]) this.watch(id, false);
  }
}
