/**
 * The one way tests, their helpers and the benchmarks wait: until a condition holds, never for a
 * fixed time. The condition is re-checked whenever `changes` reports that something happened (a
 * pty wrote, an event arrived) and otherwise on a short interval; after `timeout` the wait fails
 * with what it was waiting for. A loaded machine only makes the wait longer, never the test wrong.
 *
 * No vitest import on purpose: the benchmarks (plain tsx) share the peer helpers that use this.
 * The timers are captured when this module loads, so a test's fake timers do not stall a wait.
 */
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const monotonicMs = () => Number(process.hrtime.bigint() / 1_000_000n);

export interface WaitOptions {
  /** Give up after this long (default 20 s; generous because it only matters when something is broken). */
  timeout?: number;
  /** Re-check at least this often (default 25 ms). */
  interval?: number;
  /** Subscribe to "something changed" notifications; returns the unsubscribe function. */
  changes?: (wake: () => void) => () => void;
}

type Settled<T> = Exclude<Awaited<T>, undefined | null | false | 0 | ''>;

/**
 * Resolves with the probe's first truthy value. A probe that throws fails the wait at once (a
 * broken probe or a peer that died is a failure to report, not a condition to wait out).
 */
export async function until<T>(probe: () => T, what: string | (() => string), options: WaitOptions = {}): Promise<Settled<T>> {
  const { timeout = 20_000, interval = 25, changes } = options;
  const deadline = monotonicMs() + timeout;
  let wake: (() => void) | undefined;
  const unsubscribe = changes?.(() => wake?.());
  try {
    for (;;) {
      const value = await probe();
      if (value) return value as Settled<T>;
      const left = deadline - monotonicMs();
      if (left <= 0) throw new Error(`Timed out after ${timeout} ms waiting for ${typeof what === 'function' ? what() : what}`);
      await new Promise<void>((resolve) => {
        const timer = realSetTimeout(done, Math.min(interval, left));
        function done() {
          realClearTimeout(timer);
          wake = undefined;
          resolve();
        }
        wake = done;
      });
    }
  } finally {
    unsubscribe?.();
  }
}
