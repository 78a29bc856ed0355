import type { Response } from 'undici';
import type { AccessTokenProvider } from '../credentials/access-token-provider';
import { backoffMs } from '../net/backoff';
import { classifyNetworkFailure } from '../net/classify';
import { networkError } from '../net/errors';
import type { Network } from '../net/network';
import { apiError } from './errors';

export interface ApiCallOptions {
  network: Network;
  tokens: Pick<AccessTokenProvider, 'token' | 'refreshAfterRejection' | 'clear'>;
  retryLimit: number;
  retryBaseMs: number;
  timeoutMs: number;
  onRequest?: (method: string, url: string) => void;
}

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
/** Safe to repeat: a repeated import or infra-env creation (POST) would create a second one. */
const IDEMPOTENT = new Set(['GET', 'PATCH', 'PUT', 'DELETE', 'HEAD']);
const BACKOFF_CAP_MS = 30_000;
/** A gateway asking for longer than this is treated as an outage: the job polls again later anyway. */
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * One Assisted API call: the current bearer token; a 401 refreshes the token once and repeats
 * once (a second 401 means the credential itself is refused); 5xx/429 and network failures back off
 * (Retry-After when the gateway sends one, else the network module's backoff) for idempotent
 * methods only. Returns the successful response or throws a translated error.
 */
export async function callApi(o: ApiCallOptions, operation: string, method: string, url: string, json?: unknown): Promise<Response> {
  const retries = IDEMPOTENT.has(method) ? o.retryLimit : 0;
  let refreshed = false;
  for (let attempt = 1; ; attempt += 1) {
    const token = await o.tokens.token();
    let response: Response;
    try {
      response = await send(o, method, url, token, json);
    } catch (err) {
      const { kind } = classifyNetworkFailure(err);
      if (attempt <= retries && kind !== 'tls') {
        await delay(backoffMs(attempt, o.retryBaseMs, BACKOFF_CAP_MS));
        continue;
      }
      throw networkError(err, url, 'assisted.offline');
    }
    if (response.status === 401 && !refreshed) {
      refreshed = true;
      await response.body?.cancel();
      await o.tokens.refreshAfterRejection(token);
      attempt -= 1; // the repeat with a fresh token is not a retry
      continue;
    }
    if (response.ok) return response;
    const text = await response.text().catch(() => '');
    if (RETRY_STATUSES.has(response.status) && attempt <= retries) {
      await delay(retryAfterMs(response.headers.get('retry-after')) ?? backoffMs(attempt, o.retryBaseMs, BACKOFF_CAP_MS));
      continue;
    }
    if (response.status === 401) o.tokens.clear();
    throw apiError(response.status, text, operation);
  }
}

function send(o: ApiCallOptions, method: string, url: string, token: string, json: unknown): Promise<Response> {
  o.onRequest?.(method, url);
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
  if (json !== undefined) headers['content-type'] = 'application/json';
  return o.network.fetch(url, {
    method,
    headers,
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    signal: AbortSignal.timeout(o.timeoutMs),
  });
}

/** Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3), capped. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const ms = /^\d+$/.test(value.trim()) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS) : undefined;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
