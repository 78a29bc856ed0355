import { redact } from '../redact';

/**
 * Turns a terminal's raw output stream into a readable, redacted session log for the site report:
 * escape sequences (colours, cursor moves, titles) removed, progress lines collapsed to what was
 * last visible, and every completed line passed through shared/redact.ts. Lines are redacted whole,
 * so a token split across two pty reads is still caught.
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
  // Backspace erases the character before it, as on screen.
  while (line.includes('\b')) {
    // eslint-disable-next-line no-control-regex
    const next = line.replace(/[^\x08]\x08/, '');
    if (next === line) {
      // eslint-disable-next-line no-control-regex
      line = line.replace(/\x08/g, '');
      break;
    }
    line = next;
  }
  // A bare carriage return redraws the line: keep what was visible last.
  const cr = line.lastIndexOf('\r');
  if (cr >= 0) line = line.slice(cr + 1);
  return line.replace(CONTROLS, '');
}

export class SessionLogRedactor {
  #pending = '';

  /** Feeds raw output; returns the redacted text of every line completed by it. */
  push(chunk: string): string {
    // Normalised on the whole buffer: a CR LF pair may arrive split across two reads.
    this.#pending = (this.#pending + chunk).replace(/\r+\n/g, '\n');
    const lastNewline = this.#pending.lastIndexOf('\n');
    let complete = '';
    if (lastNewline >= 0) {
      complete = this.#pending.slice(0, lastNewline);
      this.#pending = this.#pending.slice(lastNewline + 1);
    } else if (this.#pending.length > MAX_PENDING) {
      complete = this.#pending;
      this.#pending = '';
    } else {
      return '';
    }
    return this.#render(complete);
  }

  /** The rest, at the end of the session. */
  flush(): string {
    const rest = this.#pending;
    this.#pending = '';
    return rest ? this.#render(rest) : '';
  }

  #render(text: string): string {
    return (
      text
        .split('\n')
        .map((l) => redact(cleanLine(l)))
        .join('\n') + '\n'
    );
  }
}
