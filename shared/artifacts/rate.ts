/**
 * Download rate over a short sliding window (not since the start), so the ETA reacts when a link
 * slows down or recovers, plus the ETA that follows from it.
 */
export class RateWindow {
  private samples: { t: number; bytes: number }[] = [];

  constructor(private readonly windowMs = 3000) {}

  /** Records the running byte count at time t (ms). */
  add(t: number, bytes: number): void {
    this.samples.push({ t, bytes });
    while (this.samples.length > 2 && this.samples[0]!.t < t - this.windowMs) this.samples.shift();
  }

  reset(): void {
    this.samples = [];
  }

  /** Bytes per second across the window; 0 until two samples exist. */
  rate(): number {
    if (this.samples.length < 2) return 0;
    const first = this.samples[0]!;
    const last = this.samples[this.samples.length - 1]!;
    const dt = (last.t - first.t) / 1000;
    return dt > 0 ? Math.max(0, (last.bytes - first.bytes) / dt) : 0;
  }

  /** Seconds left, or undefined when the total or the rate is unknown. */
  eta(bytes: number, total: number | undefined): number | undefined {
    const r = this.rate();
    if (!total || r <= 0) return undefined;
    return Math.max(0, (total - bytes) / r);
  }
}
