import { AppError } from '../../../shared/api/errors';

/**
 * Turns a failed fetch (undici's TypeError with a `cause`) into one clear, translated error:
 * offline/DNS, timeout, or TLS. The URL's host is named; its path and query never are, since
 * they can carry tokens.
 */
export function networkError(err: unknown, url: string, offlineCode = 'common.offline'): AppError {
  const host = safeHost(url);
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (err as { code?: string })?.code ?? '';
  const name = (err as { name?: string })?.name ?? '';
  if (name === 'TimeoutError' || name === 'AbortError' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT' || code === 'UND_ERR_HEADERS_TIMEOUT') {
    return new AppError('common.timeout', { host });
  }
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code)) {
    return new AppError('common.tls', { host, reason: code });
  }
  return new AppError(offlineCode, { host });
}

export function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid URL)';
  }
}
