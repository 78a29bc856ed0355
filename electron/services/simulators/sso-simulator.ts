import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import { listenLocal, readBody, sendJson, type LocalServer } from './http-util';

export interface SsoSimulatorOptions {
  clock: Clock;
  /** Practice mode accepts any well-formed offline token; tests register the exact ones they use. */
  acceptAnyWellFormedToken?: boolean;
  accessTokenLifetimeSeconds?: number;
  port?: number;
}

export interface SsoSimulator extends LocalServer {
  tokenUrl: string;
  registerOfflineToken(token: string): void;
  revokeOfflineToken(token: string): void;
  registerServiceAccount(clientId: string, clientSecret: string): void;
  /** Whether an access token is currently valid (used by the Assisted simulator). */
  validateAccessToken(token: string): 'valid' | 'expired' | 'unknown';
  revokeAccessTokens(): void;
  readonly exchanges: { grantType: string; at: number }[];
}

/**
 * A local stand-in for Red Hat SSO's token endpoint
 * (/auth/realms/redhat-external/protocol/openid-connect/token), behaving as the real one does:
 * form-encoded refresh_token grant with client_id=cloud-services, or client_credentials grant;
 * 15-minute access tokens (expiry follows the injected clock); OAuth error bodies
 * ({error, error_description}) with 400 for a bad grant and 401 for a bad client.
 */
export async function startSsoSimulator(options: SsoSimulatorOptions): Promise<SsoSimulator> {
  const lifetime = options.accessTokenLifetimeSeconds ?? 900;
  const offline = new Set<string>();
  const revoked = new Set<string>();
  const clients = new Map<string, string>();
  const access = new Map<string, number>();
  const exchanges: { grantType: string; at: number }[] = [];
  const path = '/auth/realms/redhat-external/protocol/openid-connect/token';

  const server = await listenLocal(async (req, res) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== path) return sendJson(res, 404, { error: 'not_found' });
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'method_not_allowed' });
    if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return sendJson(res, 400, { error: 'invalid_request', error_description: 'Content-Type must be application/x-www-form-urlencoded' });
    }
    const form = new URLSearchParams(await readBody(req));
    const grantType = form.get('grant_type') ?? '';
    exchanges.push({ grantType, at: options.clock.now() });
    if (grantType === 'refresh_token') {
      if (form.get('client_id') !== 'cloud-services') return sendJson(res, 401, { error: 'invalid_client', error_description: 'Invalid client credentials' });
      const token = form.get('refresh_token') ?? '';
      const wellFormed = /^eyJ[\w-]+\.[\w-]+\.[\w-]*$/.test(token);
      const known = offline.has(token) || (options.acceptAnyWellFormedToken && wellFormed);
      if (!known || revoked.has(token)) return sendJson(res, 400, { error: 'invalid_grant', error_description: 'Offline user session not found' });
    } else if (grantType === 'client_credentials') {
      const id = form.get('client_id') ?? '';
      if (!clients.has(id) || clients.get(id) !== form.get('client_secret')) {
        return sendJson(res, 401, { error: 'unauthorized_client', error_description: 'Invalid client or Invalid client credentials' });
      }
    } else {
      return sendJson(res, 400, { error: 'unsupported_grant_type', error_description: 'Unsupported grant_type' });
    }
    const accessToken = fakeJwt({ exp: Math.floor(options.clock.now() / 1000) + lifetime, typ: 'Bearer', jti: randomBytes(8).toString('hex') });
    access.set(accessToken, options.clock.now() + lifetime * 1000);
    sendJson(res, 200, { access_token: accessToken, expires_in: lifetime, token_type: 'Bearer', 'not-before-policy': 0, scope: 'openid offline_access' });
  }, options.port);

  return {
    ...server,
    tokenUrl: `${server.url}${path}`,
    exchanges,
    registerOfflineToken: (t) => {
      offline.add(t);
      revoked.delete(t);
    },
    revokeOfflineToken: (t) => revoked.add(t),
    registerServiceAccount: (id, secret) => clients.set(id, secret),
    validateAccessToken(token) {
      const expiry = access.get(token);
      if (expiry === undefined) return 'unknown';
      return options.clock.now() < expiry ? 'valid' : 'expired';
    },
    revokeAccessTokens: () => access.clear(),
  };
}

/** A JWT-shaped token (unsigned; only the simulators read it). */
export function fakeJwt(payload: Record<string, unknown>): string {
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${enc({ alg: 'none', typ: 'JWT' })}.${enc(payload)}.${randomBytes(16).toString('base64url')}`;
}
