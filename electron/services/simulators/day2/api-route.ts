import type { IncomingMessage } from 'node:http';
import type { AssistedRoute } from '../assisted-simulator';
import { readBody } from '../http-util';
import { clusterRoutes } from './cluster-routes';
import { day2Request, type Day2Request } from './exchange';
import { eventRoutes, hostRoutes } from './host-routes';
import { infraEnvRoutes } from './infra-env-routes';
import { API_BASE, type Day2State } from './state';

const INVALID = Symbol('invalid JSON');

async function parseBody(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return INVALID;
  }
}

const routeGroups: ((r: Day2Request) => true | undefined)[] = [clusterRoutes, infraEnvRoutes, hostRoutes, eventRoutes];

/** The authenticated REST API under /api/assisted-install/v2 (the bearer token was checked by the caller). */
export function day2ApiRoute(s: Day2State): AssistedRoute {
  return async (req, res, url) => {
    if (!url.pathname.startsWith(`${API_BASE}/`)) return false;
    const method = req.method ?? 'GET';
    const parsed = method === 'GET' ? undefined : await parseBody(req);
    const body = parsed === INVALID ? undefined : parsed;
    const r = day2Request(s, req, res, url, url.pathname.slice(API_BASE.length), body);
    if (parsed === INVALID) return r.reply(400, { code: 400, message: 'parsing body body from "" failed, because invalid character' });
    if (s.faults.failNext > 0) {
      s.faults.failNext -= 1;
      return r.fail(s.faults.failStatus, s.faults.failStatus === 503 ? 'service unavailable' : 'Internal server error: simulated failure');
    }
    for (const group of routeGroups) if (group(r)) return true;
    return r.fail(404, 'Object Not Found');
  };
}
