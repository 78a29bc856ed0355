import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { SessionLogRedactor } from '../../../shared/terminal/session-log';
import { redact } from '../../../shared/redact';

/** A session log never grows past this; a 50 MB `cat` is not worth keeping for the site report. */
export const MAX_LOG_BYTES = 8 * 1024 * 1024;

/**
 * The redacted session log saved in the job folder. Only cleaned, redacted text reaches the disk
 * (never the raw stream); writes are appended as output arrives so a crash keeps what was seen,
 * except what the redactor holds back (an unfinished line, a private key waiting for its END line).
 */
export class SessionLogFile {
  readonly #stream: WriteStream;
  readonly #redactor = new SessionLogRedactor();
  #bytes = 0;
  #truncated = false;
  #closed = false;

  constructor(
    readonly path: string,
    header: string,
  ) {
    mkdirSync(dirname(path), { recursive: true });
    this.#stream = createWriteStream(path, { flags: 'a', mode: 0o600 });
    this.#stream.on('error', () => {
      // A full disk must not take the terminal down; the log just stops.
      this.#closed = true;
    });
    this.#append(redact(header.endsWith('\n') ? header : `${header}\n`));
  }

  write(raw: string): void {
    if (this.#closed || this.#truncated) return;
    const text = this.#redactor.push(raw);
    if (text) this.#append(text);
  }

  async close(footer?: string): Promise<void> {
    if (this.#closed) return;
    const rest = this.#truncated ? '' : this.#redactor.flush();
    if (rest) this.#append(rest);
    if (footer) this.#stream.write(redact(footer.endsWith('\n') ? footer : `${footer}\n`));
    this.#closed = true;
    await new Promise<void>((resolve) => this.#stream.end(resolve));
  }

  #append(text: string): void {
    const size = Buffer.byteLength(text);
    if (this.#bytes + size > MAX_LOG_BYTES) {
      this.#truncated = true;
      this.#stream.write(`\n[log truncated at ${MAX_LOG_BYTES} bytes; later output is not kept]\n`);
      return;
    }
    this.#bytes += size;
    this.#stream.write(text);
  }
}
