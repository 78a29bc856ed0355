import type { WriteProgress } from '../../shared/usb/helper-protocol';

/** Progress at most every 250 ms with the speed over the last 2 s (etcher-sdk's constants). */
export class ProgressMeter {
  private samples: { at: number; bytes: number }[] = [];
  private lastEmit = 0;

  constructor(
    private readonly phase: WriteProgress['phase'],
    private readonly total: number,
    private readonly emit: (p: WriteProgress) => void,
    private readonly now: () => number = () => performance.now(),
    private readonly intervalMs = 250,
    private readonly windowMs = 2000,
  ) {}

  update(bytes: number, force = false): void {
    const at = this.now();
    this.samples.push({ at, bytes });
    while (this.samples.length > 2 && at - this.samples[0]!.at > this.windowMs) this.samples.shift();
    if (!force && at - this.lastEmit < this.intervalMs) return;
    this.lastEmit = at;
    const first = this.samples[0]!;
    const seconds = (at - first.at) / 1000;
    const speedBps = seconds > 0 ? Math.max(0, (bytes - first.bytes) / seconds) : 0;
    const etaS = speedBps > 0 ? (this.total - bytes) / speedBps : null;
    this.emit({ phase: this.phase, bytes, total: this.total, speedBps: Math.round(speedBps), etaS: etaS === null ? null : Math.round(etaS * 10) / 10 });
  }
}
