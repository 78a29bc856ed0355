import { AppError } from '../../../shared/api/errors';
import { classifyNetworkFailure } from './classify';
import { hostOf } from './host';

/**
 * A failed one-shot call (sign-in, "Test access", an Assisted API call) as one clear, translated
 * error: timeout, TLS, or "cannot reach" under the caller's own offline code. The URL's host is
 * named; its path and query never are, since they can carry tokens.
 */
export function networkError(err: unknown, url: string, offlineCode = 'common.offline'): AppError {
  if (err instanceof AppError) return err;
  const host = hostOf(url);
  const failure = classifyNetworkFailure(err);
  // An abort that is not the caller's own pause is a per-call time limit (AbortSignal.timeout).
  if (failure.kind === 'timeout' || failure.kind === 'aborted' || failure.kind === 'stall') return new AppError('common.timeout', { host });
  if (failure.kind === 'tls') return new AppError('common.tls', { host, reason: failure.code });
  return new AppError(offlineCode, { host });
}
