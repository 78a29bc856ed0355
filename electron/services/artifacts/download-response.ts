import type { IncomingHttpHeaders } from 'node:http';
import type { PartMeta } from './part-file';

/** What one response means for the part on disk (decided here, carried out by the run). */
export type Verdict =
  /** Write the body from `from`; `truncate` first when the server restarted the file (200 after a Range) */
  | { kind: 'write'; from: number; truncate: boolean; meta: PartMeta }
  /** The server sent another range or another file: drop the part and its validators, ask again */
  | { kind: 'restart' }
  /** 416 for exactly the bytes we have: the part is already complete */
  | { kind: 'complete'; total: number }
  /** 401/403 on a URL that can be re-signed: ask for a fresh one */
  | { kind: 'refresh' }
  | { kind: 'status'; status: number };

type Range = { start: number; end: number; total?: number } | { unsatisfied: true; total?: number };

export function parseContentRange(value: string | undefined): Range | null {
  if (!value) return null;
  const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(value.trim());
  if (m) return { start: Number(m[1]), end: Number(m[2]), total: m[3] === '*' ? undefined : Number(m[3]) };
  const u = /^bytes \*\/(\d+)$/.exec(value.trim());
  if (u) return { unsatisfied: true, total: Number(u[1]) };
  return null;
}

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The Range + If-Range request for resuming `bytes` of a part with a validator. */
export function resumeHeaders(bytes: number, meta: PartMeta): Record<string, string> {
  const validator = meta.etag ?? meta.lastModified;
  const headers: Record<string, string> = { 'user-agent': 'sno-field-kit', accept: '*/*', 'accept-encoding': 'identity' };
  if (bytes > 0 && validator) {
    headers.range = `bytes=${bytes}-`;
    headers['if-range'] = validator;
  }
  return headers;
}

/** Reads a response against the part: `bytes` on disk, `meta` its sidecar. */
export function judgeResponse(status: number, headers: IncomingHttpHeaders, bytes: number, meta: PartMeta, canRefresh: boolean): Verdict {
  const etag = header(headers, 'etag');
  const lastModified = header(headers, 'last-modified');
  if (status === 206) {
    const range = parseContentRange(header(headers, 'content-range'));
    const changed = (meta.etag && etag && etag !== meta.etag) || (!meta.etag && meta.lastModified && lastModified && lastModified !== meta.lastModified);
    if (!range || 'unsatisfied' in range || range.start !== bytes || changed) return { kind: 'restart' };
    return { kind: 'write', from: bytes, truncate: false, meta: range.total !== undefined ? { ...meta, total: range.total } : meta };
  }
  if (status === 200) {
    // Range ignored, or If-Range said the file changed: the body is the whole file.
    const length = header(headers, 'content-length');
    const total = length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined;
    // weak ETags are not valid for If-Range
    return { kind: 'write', from: 0, truncate: bytes > 0, meta: { ...meta, total, etag: etag && !/^W\//.test(etag) ? etag : undefined, lastModified } };
  }
  if (status === 416) {
    const range = parseContentRange(header(headers, 'content-range'));
    const total = range && 'unsatisfied' in range ? range.total : undefined;
    return total !== undefined && total === bytes && bytes > 0 ? { kind: 'complete', total } : { kind: 'restart' };
  }
  if ((status === 403 || status === 401) && canRefresh) return { kind: 'refresh' };
  return { kind: 'status', status };
}
