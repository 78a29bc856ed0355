/** Pause/resume/cancel handle shared by the download engine and the UI. */
export class DownloadControl {
  paused = false;
  cancelled = false;
  private attempt?: AbortController;
  private wake?: () => void;

  attemptSignal(): AbortSignal {
    this.attempt = new AbortController();
    return this.attempt.signal;
  }

  pause(): void {
    if (this.cancelled) return;
    this.paused = true;
    this.attempt?.abort(new PauseSignal());
  }

  resume(): void {
    this.paused = false;
    this.wake?.();
  }

  cancel(): void {
    this.cancelled = true;
    this.attempt?.abort(new PauseSignal());
    this.wake?.();
  }

  async waitWhilePaused(): Promise<void> {
    while (this.paused && !this.cancelled) await new Promise<void>((r) => (this.wake = r));
  }

  /** Sleeps for a backoff, but wakes at once on cancel/pause. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const signal = this.attemptSignal();
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done);
    });
  }
}

/** Why an attempt's request was aborted: the technician paused or cancelled. */
export class PauseSignal extends Error {
  constructor() {
    super('paused or cancelled');
    this.name = 'PauseSignal';
  }
}
