import { randomBytes, randomUUID } from 'node:crypto';
import type { Day2Request } from './exchange';
import { requireStrings } from './exchange';
import { infraEnvJson } from './representations';
import type { SimInfraEnv } from './types';

/** /infra-envs, /infra-envs/{id} and its image URL. Returns undefined when the path is not one of these. */
export function infraEnvRoutes(r: Day2Request): true | undefined {
  const { s, method, path } = r;
  if (path === '/infra-envs') {
    if (method === 'GET') {
      const id = r.url.searchParams.get('cluster_id');
      return r.reply(
        200,
        [...s.infraEnvs.values()].filter((e) => !id || e.clusterId === id).map((e) => infraEnvJson(s, e)),
      );
    }
    if (method === 'POST') return registerInfraEnv(r);
    return undefined;
  }
  let m = /^\/infra-envs\/([^/]+)$/.exec(path);
  if (m) {
    const env = s.infraEnvs.get(m[1]!);
    if (!env) return r.fail(404, 'Object Not Found');
    if (method === 'GET') return r.reply(200, infraEnvJson(s, env));
    if (method === 'PATCH') return updateInfraEnv(r, env);
    return undefined;
  }
  if (method === 'GET' && (m = /^\/infra-envs\/([^/]+)\/downloads\/image-url$/.exec(path))) {
    const env = s.infraEnvs.get(m[1]!);
    if (!env) return r.fail(404, 'Object Not Found');
    return imageUrl(r, env);
  }
  return undefined;
}

function registerInfraEnv(r: Day2Request): true {
  const { s, b } = r;
  const missing = requireStrings(r, ['name', 'pull_secret']);
  if (missing) return missing;
  try {
    const ps = JSON.parse(String(b.pull_secret)) as { auths?: Record<string, unknown> };
    if (!ps.auths?.['cloud.openshift.com']) throw new Error('no cloud.openshift.com');
  } catch {
    return r.fail(400, 'Failed validating pull secret: pull secret must contain auth for "cloud.openshift.com"');
  }
  if (b.image_type === 'disconnected-iso') return r.fail(400, 'disconnected-iso is not supported for this infra-env');
  const clusterId = typeof b.cluster_id === 'string' ? b.cluster_id : undefined;
  if (clusterId && !s.clusters.has(clusterId)) return r.fail(404, `Cluster ${clusterId} not found`);
  const env: SimInfraEnv = { id: randomUUID(), name: String(b.name), ...(clusterId ? { clusterId } : {}), body: b, createdAt: s.now(), updatedAt: s.now() };
  s.infraEnvs.set(env.id, env);
  s.addEvent({ name: 'infra_env_registration_succeeded', infra_env_id: env.id, ...(clusterId ? { cluster_id: clusterId } : {}), severity: 'info', message: `Registered infra env ${env.name}` });
  return r.reply(201, infraEnvJson(s, env));
}

function updateInfraEnv(r: Day2Request, env: SimInfraEnv): true {
  const { pull_secret: _ps, ...rest } = r.b;
  env.body = { ...env.body, ...rest };
  env.updatedAt = r.s.now();
  // A new type or version needs a new image: the stored URL is void
  env.downloadUrl = undefined;
  env.expiresAt = undefined;
  return r.reply(201, infraEnvJson(r.s, env));
}

/** A signed, expiring URL on the image service (served by image-route.ts without a bearer token). */
function imageUrl(r: Day2Request, env: SimInfraEnv): true {
  const { s } = r;
  const token = randomBytes(24).toString('base64url');
  const exp = s.faults.expireNextUrl ? s.clock.now() - 1000 : s.clock.now() + s.lifetime;
  s.faults.expireNextUrl = false;
  s.imageTokens.set(token, { infraEnvId: env.id, exp });
  const type = String(env.body.image_type ?? 'full-iso') === 'minimal-iso' ? 'minimal' : 'full';
  env.downloadUrl = `http://${r.req.headers.host}/images/bytoken/${token}/${String(env.body.openshift_version ?? '4.16')}/x86_64/${type}.iso`;
  env.expiresAt = new Date(exp).toISOString();
  return r.reply(200, { url: env.downloadUrl, expires_at: env.expiresAt });
}
