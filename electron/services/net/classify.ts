/**
 * The one classifier of failed network requests. undici (fetch, request, the proxy agents) and
 * Node's sockets report failures in several shapes: an errno code on the error or nested in
 * `cause` (fetch wraps everything in "TypeError: fetch failed"), an UND_ERR_* code, or a
 * TimeoutError/AbortError name. Each caller maps the kind to its own translated message
 * (net/errors.ts for one-shot calls, artifacts/download-errors.ts for downloads).
 */
export type NetFailureKind =
  /** The name did not resolve: offline, or a wrong host name */
  | 'dns'
  /** No connection or no response headers in time */
  | 'timeout'
  /** Connected, but the body stopped flowing */
  | 'stall'
  /** Certificate or handshake failure: retrying cannot help */
  | 'tls'
  /** The proxy refused the request (CONNECT answered non-200, or 407) */
  | 'proxy'
  /** Connection refused or no route (host or proxy down) */
  | 'refused'
  /** An established connection was cut */
  | 'reset'
  /** The caller aborted (pause, cancel, a signal) */
  | 'aborted'
  | 'other';

export interface NetFailure {
  kind: NetFailureKind;
  /** The most specific code found (errno or UND_ERR_*), or '' */
  code: string;
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|HOSTNAME_MISMATCH|ALTNAME|EPROTO|UND_ERR_PRX_TLS/i;
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']);
const STALL_CODES = new Set(['ESTALL', 'UND_ERR_BODY_TIMEOUT']);
const REFUSED_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EADDRNOTAVAIL']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

interface ErrorLike {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** The error and its causes, outermost first (fetch wraps the socket error once or twice). */
function chain(err: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  let current = err;
  while (current && typeof current === 'object' && out.length < 5) {
    out.push(current as ErrorLike);
    current = (current as ErrorLike).cause;
  }
  return out;
}

/** The innermost specific code: the socket's errno beats undici's wrapper code. */
export function errnoCode(err: unknown): string {
  const codes = chain(err)
    .map((e) => (typeof e.code === 'string' ? e.code : ''))
    .filter(Boolean);
  const specific = codes.filter((c) => !/^UND_ERR_(PRX_CONN|ABORTED|INVALID_ARG)$/.test(c));
  return specific.at(-1) ?? codes.at(-1) ?? '';
}

function isProxyRefusal(e: ErrorLike): boolean {
  const message = typeof e.message === 'string' ? e.message : '';
  return /Proxy response \(\d+\)|Proxy Authentication Required/i.test(message);
}

export function classifyNetworkFailure(err: unknown): NetFailure {
  const links = chain(err);
  const code = errnoCode(err);
  if (links.some(isProxyRefusal)) return { kind: 'proxy', code: code || 'EPROXY' };
  if (code === 'ENOTFOUND') return { kind: 'dns', code };
  if (TLS_CODES.test(code)) return { kind: 'tls', code };
  if (STALL_CODES.has(code)) return { kind: 'stall', code };
  if (TIMEOUT_CODES.has(code) || links.some((e) => e.name === 'TimeoutError')) return { kind: 'timeout', code: code || 'ETIMEDOUT' };
  if (links.some((e) => e.name === 'AbortError') || code === 'ABORT_ERR' || code === 'UND_ERR_ABORTED') return { kind: 'aborted', code };
  if (REFUSED_CODES.has(code)) return { kind: 'refused', code };
  if (RESET_CODES.has(code)) return { kind: 'reset', code };
  return { kind: 'other', code };
}
