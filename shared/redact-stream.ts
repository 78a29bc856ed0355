import { redact } from './redact';
import { openPrivateKey } from './redact-private-key';

/** Most text held back at once: far more than a private key (an 8192-bit RSA key is ~6.5 KB). */
export const STREAM_HOLD_LIMIT = 64 * 1024;
/**
 * Past the limit a long line is cut at a space between these distances from its end: at least
 * CUT_TAIL, so the start of any secret that may go on in the next piece ("--token ",
 * "-----BEGIN RSA PRIVATE KEY-----", "https://user:") stays held with it.
 */
const CUT_TAIL = 256;
const CUT_WINDOW = 4096;
const CUT_TRIES = 32;
const MIN_LIMIT = 4 * CUT_TAIL;

/**
 * `redact` for text that arrives in pieces (a terminal's output). A secret can be split over two
 * pieces, so text is only released once nothing after it can change how it is redacted:
 * - the unfinished last line is held until its line break arrives;
 * - a private key block is held from its BEGIN line until its END line (or until something that is
 *   not key material follows).
 * Held text is bounded by `limit`. At the limit the held text is redacted and released anyway:
 * a key block then continues to be redacted as key material until its END line, and a long line is
 * cut at a space where cutting does not change the redaction (checked), else released whole with
 * the rest of an unfinished word dropped from the next piece.
 */
export class StreamRedactor {
  #held = '';
  /** BEGIN line of a key block released at the limit whose body is still arriving */
  #insideKey: string | undefined;
  /** The last release ended inside a redacted value: the next piece's first word belongs to it. */
  #dropWord = false;

  readonly #limit: number;

  constructor(limit = STREAM_HOLD_LIMIT) {
    this.#limit = Math.max(limit, MIN_LIMIT);
  }

  /** Takes the next piece; returns the redacted text that can be released now (maybe empty). */
  push(chunk: string): string {
    this.#held += this.#dropWord ? this.#dropLeadingWord(chunk) : chunk;
    const prefix = this.#insideKey === undefined ? '' : `${this.#insideKey}\n`;
    const text = prefix + this.#held;
    const open = openPrivateKey(text);
    let cut = text.lastIndexOf('\n') + 1;
    if (open) cut = Math.min(cut, text.lastIndexOf('\n', open.start - 1) + 1);
    let out = '';
    if (cut > prefix.length) {
      out = this.#release(prefix, text.slice(0, cut));
      this.#held = text.slice(cut);
      this.#insideKey = undefined;
    }
    if (this.#held.length > this.#limit) out += this.#overLimit(open?.begin);
    return out;
  }

  /** Everything still held, redacted (end of the stream). */
  flush(): string {
    const prefix = this.#insideKey === undefined ? '' : `${this.#insideKey}\n`;
    const out = this.#held ? this.#release(prefix, prefix + this.#held) : '';
    this.#held = '';
    this.#insideKey = undefined;
    this.#dropWord = false;
    return out;
  }

  /** Redacts `text`, which starts with `prefix` (the BEGIN line of a key whose body continues). */
  #release(prefix: string, text: string): string {
    return redact(text).slice(prefix.length);
  }

  #overLimit(openBegin: string | undefined): string {
    const prefix = this.#insideKey === undefined ? '' : `${this.#insideKey}\n`;
    const text = prefix + this.#held;
    if (openBegin || prefix) {
      // (The rest of) a key block: redact what we have; if the key goes on, keep redacting after.
      this.#held = '';
      this.#insideKey = openBegin;
      return this.#release(prefix, text);
    }
    const whole = redact(this.#held);
    const cut = this.#stableCut(whole);
    if (cut > 0) {
      const out = redact(this.#held.slice(0, cut));
      this.#held = this.#held.slice(cut);
      return out;
    }
    this.#dropWord = !whole.endsWith(this.#held.slice(-8));
    this.#held = '';
    return whole;
  }

  /** A space near the end where redacting the two halves apart gives the same as redacting it whole. */
  #stableCut(whole: string): number {
    const held = this.#held;
    const floor = Math.max(1, held.length - CUT_WINDOW);
    let tries = 0;
    for (let i = held.length - CUT_TAIL; i >= floor && tries < CUT_TRIES; i -= 1) {
      if (held[i] !== ' ' && held[i] !== '\t') continue;
      tries += 1;
      if (redact(held.slice(0, i)) + redact(held.slice(i)) === whole) return i;
    }
    return 0;
  }

  #dropLeadingWord(chunk: string): string {
    const word = /^\S*/.exec(chunk)![0];
    if (word.length < chunk.length) this.#dropWord = false;
    return chunk.slice(word.length);
  }
}
