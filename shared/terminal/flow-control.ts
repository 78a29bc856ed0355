/**
 * Flow control for terminal output crossing the contract as events (Electron IPC or WebSocket).
 *
 * The main process batches pty output into `terminal.output` events and counts the characters it
 * has sent but the renderer has not yet acknowledged (acks come back through `terminal.ack` once
 * xterm has parsed the data). Above HIGH_WATER the pty is paused — the kernel then blocks the
 * writer (`cat`, `journalctl -f`) — and it resumes below LOW_WATER. That bounds memory on both
 * sides no matter how fast the program writes, and keeps the UI responsive because xterm is never
 * handed more than it can parse in a few frames. Units are UTF-16 code units (JS string length),
 * the same on both sides of the JSON transport.
 */
export const FLOW = {
  /**
   * Pause the pty when this many characters are unacknowledged. Measured with bench:terminal: at
   * 512 KiB / 128 KiB the pty sat paused about 1 s of a 50 MiB cat while xterm ran dry waiting for
   * the resume to reach `cat` and its output to come back; 2 MiB / 1 MiB keeps xterm fed (0.2-0.6 s
   * paused) and is still only a fraction of a second of drawing behind.
   */
  highWater: 2048 * 1024,
  /** Resume it once the renderer has caught up to this many (half the window still queued in xterm). */
  lowWater: 1024 * 1024,
  /** Largest `data` string in one event, so a single message never blocks the transport for long. */
  maxChunk: 64 * 1024,
  /** Output is coalesced for at most this long before an event is sent (interactive echo stays snappy). */
  flushMs: 8,
  /** The renderer acknowledges in batches of at least this many characters (an eighth of the window) ... */
  ackBatch: 128 * 1024,
  /** ... or after this long, whichever comes first. */
  ackDelayMs: 40,
  /** Recent output kept per session so a reloaded page can redraw the screen. */
  replayChars: 256 * 1024,
} as const;

/** Decides pause/resume from the unacknowledged count; kept pure so it is tested on its own. */
export class FlowGate {
  #unacked = 0;
  #paused = false;

  constructor(
    private readonly high: number = FLOW.highWater,
    private readonly low: number = FLOW.lowWater,
  ) {}

  get unacked(): number {
    return this.#unacked;
  }
  get paused(): boolean {
    return this.#paused;
  }

  /** Records `n` characters sent; returns true when the producer must pause now. */
  sent(n: number): boolean {
    this.#unacked += n;
    if (!this.#paused && this.#unacked >= this.high) {
      this.#paused = true;
      return true;
    }
    return false;
  }

  /** Records `n` characters acknowledged; returns true when the producer may resume now. */
  acked(n: number): boolean {
    this.#unacked = Math.max(0, this.#unacked - Math.max(0, n));
    if (this.#paused && this.#unacked <= this.low) {
      this.#paused = false;
      return true;
    }
    return false;
  }

  /** A client re-attached and redrew from the replay buffer: nothing is outstanding any more. */
  reset(): boolean {
    this.#unacked = 0;
    const wasPaused = this.#paused;
    this.#paused = false;
    return wasPaused;
  }
}

/** Splits text into pieces of at most `max` characters without cutting a surrogate pair. */
export function splitChunks(text: string, max: number = FLOW.maxChunk): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + max);
    if (end < text.length) {
      const code = text.charCodeAt(end - 1);
      if (code >= 0xd800 && code <= 0xdbff) end -= 1;
    }
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}

/** Keeps the last `max` characters of a stream (for redraw after reload). */
export class ReplayBuffer {
  #parts: string[] = [];
  #size = 0;
  constructor(private readonly max: number = FLOW.replayChars) {}

  push(text: string): void {
    this.#parts.push(text);
    this.#size += text.length;
    while (this.#size - (this.#parts[0]?.length ?? 0) >= this.max && this.#parts.length > 1) {
      this.#size -= this.#parts.shift()!.length;
    }
  }

  /** The buffered tail, trimmed to `max` characters (never starting inside a surrogate pair). */
  text(): string {
    let all = this.#parts.join('');
    if (all.length > this.max) {
      let from = all.length - this.max;
      const code = all.charCodeAt(from);
      if (code >= 0xdc00 && code <= 0xdfff) from += 1;
      all = all.slice(from);
    }
    return all;
  }
}
