import type { Readable } from 'node:stream';

/**
 * Splits a stream into lines, refusing (not buffering) any line longer than `maxLength`: a
 * hostile peer must not be able to grow the root helper's memory without bound.
 */
export function readLines(input: Readable, maxLength: number, onLine: (line: string) => void, onTooLong: () => void, onEnd: () => void): void {
  let pending = '';
  let overflow = false;
  input.setEncoding('utf8');
  input.on('data', (chunk: string) => {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
      const piece = pending + chunk.slice(start, nl);
      pending = '';
      start = nl + 1;
      if (overflow) overflow = false;
      else if (piece.length > maxLength) onTooLong();
      else if (piece.trim()) onLine(piece);
    }
    pending += chunk.slice(start);
    if (pending.length > maxLength) {
      pending = '';
      if (!overflow) onTooLong();
      overflow = true;
    }
  });
  input.on('end', onEnd);
  input.on('close', onEnd);
}
