import type { DownloadProgress } from '../../../shared/api/domains/artifacts';

/** The desktop's signs that downloads run: the taskbar progress and keeping the laptop awake. */
export class DownloadIndicators {
  #releaseAwake?: () => void;

  constructor(
    private readonly hooks: {
      setProgress?: (fraction: number) => void;
      keepAwake?: (reason: string) => () => void;
    },
  ) {}

  /** Combined progress of the downloads that are not paused (-1: none, 2: size unknown). */
  progress(running: DownloadProgress[]): void {
    const { setProgress } = this.hooks;
    if (!setProgress) return;
    const active = running.filter((p) => p.state !== 'paused');
    if (active.length === 0) return setProgress(-1);
    const total = active.reduce((n, p) => n + (p.total ?? 0), 0);
    const bytes = active.reduce((n, p) => n + p.bytes, 0);
    setProgress(total > 0 ? Math.min(1, bytes / total) : 2 /* indeterminate */);
  }

  /** The laptop stays awake while any download runs. */
  awake(count: number): void {
    if (count > 0 && !this.#releaseAwake) this.#releaseAwake = this.hooks.keepAwake?.('downloads') ?? (() => undefined);
    if (count === 0 && this.#releaseAwake) {
      this.release();
      this.hooks.setProgress?.(-1);
    }
  }

  release(): void {
    this.#releaseAwake?.();
    this.#releaseAwake = undefined;
  }
}
