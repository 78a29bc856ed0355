import type { IPty } from '@lydell/node-pty';
import { FlowGate, ReplayBuffer, FLOW, splitChunks } from '../../../shared/terminal/flow-control';
import type { TerminalSession } from '../../../shared/api/domains/terminal';
import type { SessionLogFile } from './session-log-file';

export interface SessionSink {
  output(payload: { id: string; seq: number; data: string }): void;
  exit(payload: { id: string; exitCode: number; signal?: number }): void;
}

/** Characters waiting to be sent or unacknowledged: what flow control bounds (exposed for tests and the bench). */
export interface SessionStats {
  pendingChars: number;
  unackedChars: number;
  paused: boolean;
  seq: number;
  peakQueuedChars: number;
  /** How often the pty was paused for the client to catch up */
  pauses: number;
}

/**
 * One pty and its output stream: coalesces reads into events of at most FLOW.maxChunk characters,
 * numbers them, pauses the pty while the client is behind (FlowGate), keeps a replay tail for
 * redraws and feeds the redacted session log.
 */
export class PtySession {
  readonly #gate = new FlowGate();
  readonly #replay = new ReplayBuffer();
  #pending: string[] = [];
  #pendingChars = 0;
  #timer: NodeJS.Timeout | undefined;
  #seq = 0;
  #attached = false;
  #ptyPaused = false;
  #peak = 0;
  #pauses = 0;
  #exited: Promise<void>;
  #killTimer: NodeJS.Timeout | undefined;
  #exitWatch: NodeJS.Timeout | undefined;

  constructor(
    readonly info: TerminalSession,
    private readonly pty: IPty,
    private readonly sink: SessionSink,
    private readonly log: SessionLogFile | undefined,
  ) {
    pty.onData((data) => this.#onData(data));
    this.#exited = new Promise((resolve) => {
      pty.onExit(({ exitCode, signal }) => {
        if (this.#killTimer) clearTimeout(this.#killTimer);
        this.#watchForExit(false);
        this.#flush();
        this.info.state = 'exited';
        this.info.exitCode = exitCode;
        if (signal) this.info.signal = signal;
        this.sink.exit({ id: info.id, exitCode, ...(signal ? { signal } : {}) });
        void (this.log?.close(`\n[session ended ${new Date().toISOString()}, exit code ${exitCode}${signal ? `, signal ${signal}` : ''}]`) ?? Promise.resolve()).then(resolve, resolve);
      });
    });
  }

  get running(): boolean {
    return this.info.state === 'running';
  }

  get exited(): Promise<void> {
    return this.#exited;
  }

  stats(): SessionStats {
    return { pendingChars: this.#pendingChars, unackedChars: this.#gate.unacked, paused: this.#ptyPaused, seq: this.#seq, peakQueuedChars: this.#peak, pauses: this.#pauses };
  }

  /** Starts (or restarts) delivery: returns the recent output to draw and the last sequence number it covers. */
  attach(): { replay: string; seq: number } {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    // Everything pending is already in the replay tail; what follows starts after `seq`.
    this.#pending = [];
    this.#pendingChars = 0;
    this.#gate.reset();
    this.#attached = true;
    this.#setPaused(false);
    return { replay: this.#replay.text(), seq: this.#seq };
  }

  ack(chars: number): void {
    if (this.#gate.acked(chars)) this.#setPaused(false);
  }

  write(data: string): number {
    this.pty.write(data);
    return data.length;
  }

  resize(cols: number, rows: number): void {
    if (this.running) this.pty.resize(cols, rows);
  }

  /** SIGHUP, as when a terminal window closes; SIGKILL if the program ignores it. */
  kill(graceMs = 3000): void {
    if (!this.running) return;
    // A paused pty cannot deliver the exit, so let the stream drain.
    this.#setPaused(false);
    this.#attached = true;
    try {
      this.pty.kill('SIGHUP');
    } catch {
      // Already gone.
    }
    this.#killTimer = setTimeout(() => {
      try {
        if (this.running) this.pty.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    }, graceMs);
    this.#killTimer.unref();
  }

  #onData(data: string): void {
    this.#replay.push(data);
    this.log?.write(data);
    this.#pending.push(data);
    this.#pendingChars += data.length;
    this.#track();
    if (!this.#attached) {
      // Nobody is drawing yet: hold output (it is in the replay tail) and stop reading once there is plenty.
      if (this.#pendingChars >= FLOW.highWater) this.#setPaused(true);
      return;
    }
    if (this.#pendingChars >= FLOW.maxChunk) this.#flush();
    else this.#timer ??= setTimeout(() => this.#flush(), FLOW.flushMs);
  }

  #flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#attached || this.#pendingChars === 0) return;
    const text = this.#pending.join('');
    this.#pending = [];
    this.#pendingChars = 0;
    for (const data of splitChunks(text)) {
      this.#seq += 1;
      this.sink.output({ id: this.info.id, seq: this.#seq, data });
      if (this.#gate.sent(data.length)) this.#setPaused(true);
    }
    this.#track();
  }

  /**
   * node-pty reports exit only after the pty is drained, and destroys it 200 ms after the program
   * ends; if we were paused then, the last kernel-buffered output would be lost. While paused, check
   * the program is alive and, once it is not, read the (small, kernel-bounded) rest.
   */
  #watchForExit(paused: boolean): void {
    if (this.#exitWatch) clearInterval(this.#exitWatch);
    this.#exitWatch = undefined;
    if (!paused) return;
    this.#exitWatch = setInterval(() => {
      if (!isAlive(this.pty.pid)) this.#setPaused(false);
    }, 40);
    this.#exitWatch.unref();
  }

  #track(): void {
    this.#peak = Math.max(this.#peak, this.#pendingChars + this.#gate.unacked);
  }

  #setPaused(paused: boolean): void {
    if (paused === this.#ptyPaused || (!this.running && paused)) return;
    this.#ptyPaused = paused;
    if (paused) this.#pauses += 1;
    this.#watchForExit(paused);
    try {
      if (paused) this.pty.pause();
      else this.pty.resume();
    } catch {
      // The pty closed in between; exit handling follows.
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
