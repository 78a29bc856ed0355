import { StreamRedactor } from '../redact-stream';

/**
 * Turns a terminal's raw output stream into a readable, redacted session log for the site report:
 * escape sequences (colours, cursor moves, titles) removed, progress lines collapsed to what was
 * last visible, and the cleaned lines passed through a StreamRedactor (shared/redact.ts applied
 * to whole lines and whole private key blocks), so a secret split across pty reads is still caught.
 */
// eslint-disable-next-line no-control-regex
const OSC = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
// eslint-disable-next-line no-control-regex
const CSI = /\u001b\[[0-?]*[ -/]*[@-~]/g;
// eslint-disable-next-line no-control-regex
const OTHER_ESC = /\u001b(?:[()*+][0-9A-Za-z]|[@-Z\\^_=>78]|)/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0007\u000b\u000c\u000e-\u001f\u007f]/g;

/** Longest partial line kept while waiting for its newline (a binary blast has none). */
const MAX_PENDING = 16 * 1024;

export function cleanLine(raw: string): string {
  let line = raw.replace(OSC, '').replace(CSI, '').replace(OTHER_ESC, '');
  if (line.includes('\b')) line = applyBackspaces(line);
  // A bare carriage return redraws the line: keep what was visible last.
  const cr = line.lastIndexOf('\r');
  if (cr >= 0) line = line.slice(cr + 1);
  return line.replace(CONTROLS, '');
}

/**
 * Backspace erases the character before it, as on screen. One pass with a stack: removing one
 * "x\b" pair at a time was quadratic (a 64 KB read of letters then backspaces took half a second).
 */
function applyBackspaces(line: string): string {
  const kept: string[] = [];
  for (const ch of line) {
    if (ch === '\b') kept.pop();
    else kept.push(ch);
  }
  return kept.join('');
}

export class SessionLogRedactor {
  #pending = '';
  readonly #redactor: StreamRedactor;

  constructor(redactor = new StreamRedactor()) {
    this.#redactor = redactor;
  }

  /** Feeds raw output; returns the redacted text that can be written now. */
  push(chunk: string): string {
    // Normalised on the whole buffer: a CR LF pair may arrive split across two reads.
    this.#pending = (this.#pending + chunk).replace(/\r+\n/g, '\n');
    const lastNewline = this.#pending.lastIndexOf('\n');
    if (lastNewline >= 0) {
      const complete = this.#pending.slice(0, lastNewline);
      this.#pending = this.#pending.slice(lastNewline + 1);
      return this.#redactor.push(`${complete.split('\n').map(cleanLine).join('\n')}\n`);
    }
    if (this.#pending.length > MAX_PENDING) {
      // No line break in sight: clean what we have; the redactor still holds it (bounded) as part of a line.
      const part = cleanLine(this.#pending);
      this.#pending = '';
      return this.#redactor.push(part);
    }
    return '';
  }

  /** The rest, at the end of the session. */
  flush(): string {
    const rest = this.#pending;
    this.#pending = '';
    const out = (rest ? this.#redactor.push(`${cleanLine(rest)}\n`) : '') + this.#redactor.flush();
    return out && !out.endsWith('\n') ? `${out}\n` : out;
  }
}
