import { AppError } from '../../../shared/api/errors';
import type { Clock } from '../clock';
import { fetchVia } from '../net/app-network';
import { networkError } from '../net/errors';
import type { CredentialsVault, StoredCredential } from './credentials-vault';

export interface AccessTokenProviderOptions {
  vault: CredentialsVault;
  /** Read on every exchange so a Settings change applies at once */
  ssoUrl: () => string;
  clock: Clock;
  /** Default: the app's network (electron/services/net) */
  fetch?: typeof fetch;
  /** Red Hat: access tokens live 15 minutes, "obtain a new one every 10 minutes" */
  refreshAfterMs?: number;
  timeoutMs?: number;
}

interface Cached {
  token: string;
  refreshAt: number;
}

/**
 * Exchanges the stored offline token (refresh_token grant, client_id=cloud-services) or service
 * account (client_credentials grant) for a short-lived access token at Red Hat SSO. It refreshes
 * proactively well before expiry, shares one in-flight exchange between concurrent callers and
 * never exchanges more often than needed.
 */
export class AccessTokenProvider {
  #cached: Cached | undefined;
  #inflight: Promise<string> | undefined;
  #exchanges = 0;
  readonly #opts: Required<Omit<AccessTokenProviderOptions, 'fetch'>> & { fetch: typeof fetch };

  constructor(options: AccessTokenProviderOptions) {
    this.#opts = { refreshAfterMs: 10 * 60_000, timeoutMs: 30_000, fetch: fetchVia(), ...options };
  }

  /** How many SSO exchanges this provider has made (for tests and diagnostics). */
  get exchangeCount(): number {
    return this.#exchanges;
  }

  async token(): Promise<string> {
    const cached = this.#cached;
    if (cached && this.#opts.clock.now() < cached.refreshAt) return cached.token;
    this.#inflight ??= this.#exchange().finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  /** After a 401: drop the token that was refused (unless a newer one already replaced it) and get a fresh one. */
  async refreshAfterRejection(rejected: string): Promise<string> {
    if (this.#cached?.token === rejected) this.#cached = undefined;
    return this.token();
  }

  clear(): void {
    this.#cached = undefined;
  }

  async #exchange(): Promise<string> {
    const credential = await this.#opts.vault.load();
    if (!credential) throw new AppError('credentials.missing');
    const url = this.#opts.ssoUrl();
    const started = this.#opts.clock.now();
    let response: Response;
    try {
      this.#exchanges += 1;
      response = await this.#opts.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: grantFor(credential),
        signal: AbortSignal.timeout(this.#opts.timeoutMs),
      });
    } catch (err) {
      throw networkError(err, url, 'credentials.offline');
    }
    const body = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string };
    if (!response.ok || !body.access_token) {
      if (body.error === 'invalid_grant' || (response.status === 400 && credential.kind === 'offlineToken')) {
        throw new AppError('credentials.tokenRejected');
      }
      if (body.error === 'invalid_client' || body.error === 'unauthorized_client' || response.status === 401) {
        throw new AppError('credentials.clientRejected');
      }
      throw new AppError('credentials.ssoFailed', { status: response.status });
    }
    const lifetimeMs = (typeof body.expires_in === 'number' ? body.expires_in : 900) * 1000;
    // Refresh at 10 minutes, or earlier for a shorter-lived token, keeping a minute of margin.
    const refreshIn = Math.max(0, Math.min(this.#opts.refreshAfterMs, lifetimeMs - 60_000));
    this.#cached = { token: body.access_token, refreshAt: started + refreshIn };
    return body.access_token;
  }
}

function grantFor(credential: StoredCredential): URLSearchParams {
  if (credential.kind === 'offlineToken') {
    return new URLSearchParams({ grant_type: 'refresh_token', client_id: 'cloud-services', refresh_token: credential.token });
  }
  return new URLSearchParams({ grant_type: 'client_credentials', client_id: credential.clientId, client_secret: credential.clientSecret });
}
