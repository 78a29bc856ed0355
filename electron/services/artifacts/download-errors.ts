import { AppError } from '../../../shared/api/errors';
import { redact } from '../../../shared/redact';

/**
 * Classifies what went wrong in one download attempt: whether trying again can help, and which
 * clear, translated message to show when it cannot. Only the host is named (paths and queries
 * can carry image tokens).
 */
export type Failure =
  | { retry: true; reason: 'network' | 'stall' | 'server'; status?: number; cause: string }
  | { retry: false; error: AppError };

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid URL)';
  }
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|HOSTNAME_MISMATCH|ERR_TLS/i;

export function errnoCode(err: unknown): string {
  const e = err as { code?: string; cause?: { code?: string } } | undefined;
  return e?.code ?? e?.cause?.code ?? '';
}

/** A thrown error from the socket/request layer. */
export function classifyNetworkError(err: unknown, url: string): Failure {
  const host = hostOf(url);
  const code = errnoCode(err);
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'ENOTFOUND') return { retry: false, error: new AppError('artifacts.dns', { host }) };
  if (TLS_CODES.test(code)) return { retry: false, error: new AppError('artifacts.tls', { host, reason: code }) };
  if (code === 'EPROXY') return { retry: false, error: new AppError('artifacts.unreachable', { host, reason: redact(message) }) };
  if (code === 'ETIMEDOUT' || code === 'ESTALL') return { retry: true, reason: 'stall', cause: code };
  return { retry: true, reason: 'network', cause: code || redact(message) };
}

/** Gives up after retries: the message names the last kind of failure. */
export function exhausted(last: Failure & { retry: true }, url: string, attempts: number): AppError {
  const host = hostOf(url);
  if (last.reason === 'server') return new AppError('artifacts.serverError', { host, status: last.status ?? 0, attempts });
  if (last.reason === 'stall') return new AppError('artifacts.timeout', { host, attempts });
  if (/ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN/.test(last.cause)) return new AppError('artifacts.unreachable', { host, reason: last.cause });
  return new AppError('artifacts.connectionLost', { host, attempts });
}

export function httpStatusFailure(status: number, url: string): Failure {
  const host = hostOf(url);
  if (status === 404 || status === 410) return { retry: false, error: new AppError('artifacts.notFound', { host, url: redact(url) }) };
  if (status === 401 || status === 403) return { retry: false, error: new AppError('artifacts.forbidden', { host, status }) };
  if (status >= 500 || status === 429 || status === 408) return { retry: true, reason: 'server', status, cause: `HTTP ${status}` };
  return { retry: false, error: new AppError('artifacts.httpStatus', { host, status }) };
}

/** File-system errors while writing the cache. */
export function fsError(err: unknown, path: string, dir: string): AppError | undefined {
  const code = errnoCode(err);
  if (code === 'ENOSPC' || code === 'EDQUOT') return new AppError('artifacts.diskFull', { dir, needed: '?', available: '0' });
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new AppError('artifacts.noPermission', { path });
  return undefined;
}

/** Exponential backoff with full jitter: uniform in [0, min(cap, base * 2^attempt)]. */
export function backoffMs(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
