import { AppError } from '../../../shared/api/errors';
import { redact } from '../../../shared/redact';
import { classifyNetworkFailure, errnoCode } from '../net/classify';
import { hostOf } from '../net/host';

export { hostOf } from '../net/host';
export { errnoCode } from '../net/classify';
export { backoffMs } from '../net/backoff';

/**
 * What went wrong in one download attempt: whether trying again can help, and which clear,
 * translated message to show when it cannot. The failure's kind comes from the network module's
 * one classifier; the retry policy is the download's own. Only the host is named (paths and
 * queries can carry image tokens).
 */
export type Failure = { retry: true; reason: 'network' | 'stall' | 'server'; status?: number; cause: string } | { retry: false; error: AppError };

/** A thrown error from the socket/request layer. */
export function classifyNetworkError(err: unknown, url: string): Failure {
  const host = hostOf(url);
  const { kind, code } = classifyNetworkFailure(err);
  const message = err instanceof Error ? err.message : String(err);
  if (kind === 'dns') return { retry: false, error: new AppError('artifacts.dns', { host }) };
  if (kind === 'tls') return { retry: false, error: new AppError('artifacts.tls', { host, reason: code }) };
  if (kind === 'proxy') return { retry: false, error: new AppError('artifacts.unreachable', { host, reason: redact(message) }) };
  if (kind === 'timeout' || kind === 'stall') return { retry: true, reason: 'stall', cause: code };
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
