import type { Day2Request } from './exchange';
import { hostJson } from './representations';
import { refreshValidations, setStatus } from './host-machine';
import type { SimHost } from './types';

/** /infra-envs/{id}/hosts, a host, its PATCH and its install/reset actions. */
export function hostRoutes(r: Day2Request): true | undefined {
  const { s, method, path } = r;
  let m = /^\/infra-envs\/([^/]+)\/hosts$/.exec(path);
  if (method === 'GET' && m) {
    const envId = m[1]!;
    if (!s.infraEnvs.has(envId)) return r.fail(404, 'Object Not Found');
    return r.reply(
      200,
      [...s.hosts.values()].filter((h) => h.infraEnvId === envId).map((h) => hostJson(s, h)),
    );
  }
  m = /^\/infra-envs\/([^/]+)\/hosts\/([^/]+)(\/actions\/(install|reset))?$/.exec(path);
  if (!m) return undefined;
  const h = s.hosts.get(m[2]!);
  if (!h || h.infraEnvId !== m[1]) return r.fail(404, 'Object Not Found');
  const action = m[4];
  if (!action && method === 'GET') return r.reply(200, hostJson(s, h));
  if (!action && method === 'PATCH') return updateHost(r, h);
  if (action === 'install' && method === 'POST') {
    if (h.status !== 'known') return r.fail(409, `cannot install host in state ${h.status}`);
    setStatus(s, h, 'installing', 'Installation is in progress');
    return r.reply(202, hostJson(s, h));
  }
  if (action === 'reset' && method === 'POST') {
    if (!['error', 'installing-pending-user-action', 'installing', 'installing-in-progress'].includes(h.status)) return r.fail(409, `Can't reset host in ${h.status} status`);
    setStatus(s, h, 'resetting-pending-user-action', 'Host requires booting into the discovery image to complete resetting the installation');
    return r.reply(200, hostJson(s, h));
  }
  return undefined;
}

function updateHost(r: Day2Request, h: SimHost): true {
  const { s, b } = r;
  if (b.host_name !== undefined) {
    const allowed = ['discovering', 'known', 'disconnected', 'insufficient', 'pending-for-input'];
    if (!allowed.includes(h.status)) return r.fail(400, `Host is in ${h.status} state, host name can be set only in one of [${allowed.join(' ')}] states`);
    const name = String(b.host_name);
    if (!/^[a-z0-9][a-z0-9-]{0,62}(?:[.][a-z0-9-]{1,63})*$/.test(name) || /^localhost/.test(name)) return r.fail(400, `hostname ${name} is forbidden`);
    h.requestedHostname = name;
    h.updatedAt = s.now();
    if (h.inventory) refreshValidations(s, h);
  }
  return r.reply(201, hostJson(s, h));
}

/** GET /events with the paging and the Event-Count / Severity-Count-* headers of the real service. */
export function eventRoutes(r: Day2Request): true | undefined {
  const { s, url } = r;
  if (r.method !== 'GET' || r.path !== '/events') return undefined;
  const clusterId = url.searchParams.get('cluster_id');
  const infraEnvId = url.searchParams.get('infra_env_id');
  let list = s.events.filter((e) => (!clusterId || e.cluster_id === clusterId) && (!infraEnvId || e.infra_env_id === infraEnvId));
  if (!clusterId && !infraEnvId) list = [];
  if (url.searchParams.get('order') === 'descending') list = [...list].reverse();
  const offset = Number(url.searchParams.get('offset') ?? 0) || 0;
  const limitRaw = Number(url.searchParams.get('limit') ?? 5000);
  const page = limitRaw < 0 ? list.slice(offset) : list.slice(offset, offset + limitRaw);
  const count = (sev: string) => String(list.filter((e) => e.severity === sev).length);
  return r.reply(200, page, {
    'Event-Count': String(list.length),
    'Severity-Count-Info': count('info'),
    'Severity-Count-Warning': count('warning'),
    'Severity-Count-Error': count('error'),
    'Severity-Count-Critical': count('critical'),
  });
}
