import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenLocal, sendJson, type LocalServer } from './http-util';

export interface AssistedSimulatorOptions {
  /** Decides whether a bearer token is valid: the SSO simulator's validateAccessToken */
  validateToken: (token: string) => 'valid' | 'expired' | 'unknown';
  /** Tokens whose account is not entitled (403 "access review failed") */
  notEntitled?: (token: string) => boolean;
  port?: number;
  /** Routes served without a bearer token (the image service's tokenised ISO URLs) */
  publicRoutes?: AssistedRoute[];
}

export interface AssistedSimulator extends LocalServer {
  readonly requests: { method: string; path: string; status: number }[];
}

/** Routes of the simulated Assisted Installer API; feature modules add theirs. */
export type AssistedRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean | Promise<boolean>;

/**
 * A local stand-in for the Assisted Installer REST API (/api/assisted-install/v2), with the real
 * authentication behaviour: 401 {code, message} for a missing, malformed or expired bearer token,
 * 403 "(access review failed)" for an account that is not entitled.
 */
export async function startAssistedSimulator(options: AssistedSimulatorOptions, routes: AssistedRoute[] = []): Promise<AssistedSimulator> {
  const requests: { method: string; path: string; status: number }[] = [];
  const server = await listenLocal(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    res.on('finish', () => requests.push({ method: req.method ?? '', path: url.pathname, status: res.statusCode }));
    for (const route of options.publicRoutes ?? []) {
      if (await route(req, res, url)) return;
    }
    const auth = req.headers.authorization;
    if (!auth) return sendJson(res, 401, { code: 401, message: 'unauthenticated for invalid credentials' });
    const match = /^Bearer (\S+)$/.exec(auth);
    if (!match) return sendJson(res, 401, { code: 401, message: 'Authorization header format must be Bearer {token}' });
    if (options.validateToken(match[1]!) !== 'valid') return sendJson(res, 401, { code: 401, message: 'Error parsing token or token is invalid' });
    if (options.notEntitled?.(match[1]!)) {
      return sendJson(res, 403, { code: 403, message: 'simulated-user: Unauthorized to access route (access review failed)' });
    }
    if (req.method === 'GET' && url.pathname === '/api/assisted-install/v2/component-versions') {
      return sendJson(res, 200, {
        versions: {
          'assisted-installer-service': 'quay.io/app-sre/assisted-service:simulated',
          'discovery-agent': 'quay.io/edge-infrastructure/assisted-installer-agent:simulated',
          'assisted-installer': 'quay.io/edge-infrastructure/assisted-installer:simulated',
          'assisted-installer-controller': 'quay.io/edge-infrastructure/assisted-installer-controller:simulated',
        },
        release_tag: 'v2.40.0-simulated',
      });
    }
    for (const route of routes) {
      if (await route(req, res, url)) return;
    }
    sendJson(res, 404, { kind: 'Error', id: 404, code: '404', href: '', reason: 'Object Not Found' });
  }, options.port);
  return { ...server, requests };
}
