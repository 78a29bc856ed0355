import { AppError } from '../../../shared/api/errors';
import { redact } from '../../../shared/redact';

/**
 * The Assisted Installer answers errors in two shapes (spec `error` and `infra_error`):
 *   {"kind":"Error","id":409,"code":"409","href":"","reason":"cannot install host in state insufficient"}
 *   {"code":401,"message":"Error parsing token or token is invalid"}
 * Both become one AssistedApiError whose code names a translated message; the service's own text
 * is kept as `reason` (redacted, shortened) because it is often the most precise hint.
 */
export class AssistedApiError extends AppError {
  readonly status: number;
  readonly reason: string;

  constructor(code: string, status: number, reason: string, operation: string) {
    super(code, { status, reason, operation });
    this.name = 'AssistedApiError';
    this.status = status;
    this.reason = reason;
  }
}

export function parseErrorBody(status: number, text: string): string {
  try {
    const body = JSON.parse(text) as { reason?: unknown; message?: unknown };
    const reason = typeof body.reason === 'string' && body.reason ? body.reason : typeof body.message === 'string' ? body.message : '';
    if (reason) return redact(reason).slice(0, 400);
  } catch {
    // not JSON (a gateway's HTML page): fall through
  }
  return text && !/^\s*</.test(text) ? redact(text).slice(0, 200) : `HTTP ${status}`;
}

export function errorCodeFor(status: number): string {
  if (status === 401) return 'credentials.unauthorized';
  if (status === 403) return 'credentials.notEntitled';
  if (status === 404) return 'assisted.notVisible';
  if (status === 409) return 'assisted.conflict';
  if (status === 429) return 'assisted.rateLimited';
  if (status >= 500) return 'assisted.serverError';
  return 'assisted.badRequest';
}

export function apiError(status: number, text: string, operation: string): AssistedApiError {
  return new AssistedApiError(errorCodeFor(status), status, parseErrorBody(status, text), operation);
}
