import { AppError } from '../../../shared/api/errors';
import { redact } from '../../../shared/redact';
import { fetchVia } from '../net/app-network';
import { networkError } from '../net/errors';
import type { AccessTokenProvider } from './access-token-provider';

export type AuthorizedFetch = (url: string, init?: RequestInit) => Promise<Response>;

/**
 * fetch with `Authorization: Bearer <access token>`. A 401 is retried exactly once with a freshly
 * exchanged token (the cached one may have been revoked or the clock skewed); a second 401 means
 * the credential itself is bad. 403 is never retried. Network failures become "offline: nothing
 * was changed".
 */
export function createAuthorizedFetch(provider: AccessTokenProvider, fetchImpl: typeof fetch = fetchVia(), timeoutMs = 60_000): AuthorizedFetch {
  const attempt = async (url: string, init: RequestInit, token: string) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    headers.set('accept', headers.get('accept') ?? 'application/json');
    try {
      return await fetchImpl(url, { ...init, headers, signal: init.signal ?? AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw networkError(err, url, 'credentials.offline');
    }
  };
  return async (url, init = {}) => {
    const token = await provider.token();
    let response = await attempt(url, init, token);
    if (response.status === 401) {
      await response.body?.cancel();
      const fresh = await provider.refreshAfterRejection(token);
      response = await attempt(url, init, fresh);
      if (response.status === 401) {
        await response.body?.cancel();
        provider.clear();
        throw new AppError('credentials.unauthorized');
      }
    }
    if (response.status === 403) {
      const reason = await readReason(response);
      throw new AppError('credentials.notEntitled', { reason });
    }
    return response;
  };
}

/** The Assisted Installer answers errors as {code, message} or {kind, id, code, reason}. */
export async function readReason(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { reason?: string; message?: string };
    return redact(String(body.reason ?? body.message ?? `HTTP ${response.status}`)).slice(0, 300);
  } catch {
    return redact(text || `HTTP ${response.status}`).slice(0, 300);
  }
}
