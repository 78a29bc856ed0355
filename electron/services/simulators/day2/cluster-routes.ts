import { randomUUID } from 'node:crypto';
import type { Day2Request } from './exchange';
import { requireStrings } from './exchange';
import { clusterJson } from './representations';
import type { SimCluster } from './types';

/** GET /clusters, POST /clusters/import, GET /clusters/{id}. Returns undefined when the path is not a cluster route. */
export function clusterRoutes(r: Day2Request): true | undefined {
  const { s, method, path } = r;
  if (method === 'GET' && path === '/clusters') {
    const id = r.url.searchParams.get('openshift_cluster_id');
    return r.reply(
      200,
      [...s.clusters.values()].filter((c) => !id || c.openshiftClusterId === id).map((c) => clusterJson(s, c)),
    );
  }
  if (method === 'POST' && path === '/clusters/import') return importCluster(r);
  const m = /^\/clusters\/([^/]+)$/.exec(path);
  if (!m) return undefined;
  const cluster = s.clusters.get(m[1]!);
  if (!cluster) return r.fail(404, 'Object Not Found');
  if (method === 'GET') return r.reply(200, clusterJson(s, cluster));
  return r.fail(405, 'method not allowed in the simulator');
}

function importCluster(r: Day2Request): true {
  const { s, b } = r;
  const missing = requireStrings(r, ['name', 'api_vip_dnsname', 'openshift_cluster_id']);
  if (missing) return missing;
  const dns = String(b.api_vip_dnsname);
  const parts = /^api\.([^.]+)\.(.+)$/.exec(dns);
  const name = parts ? parts[1]! : String(b.name);
  if (!parts && !/^([a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name)) {
    return r.fail(400, `Cluster name format is not valid: '${name}'. Name must consist of lower-case letters, numbers and hyphens. It must start and end with a letter or number.`);
  }
  const cluster: SimCluster = {
    id: randomUUID(),
    name,
    baseDnsDomain: parts ? parts[2]! : '',
    apiVipDnsName: dns,
    openshiftClusterId: String(b.openshift_cluster_id),
    ...(typeof b.openshift_version === 'string' ? { openshiftVersion: b.openshift_version } : {}),
    createdAt: s.now(),
  };
  s.clusters.set(cluster.id, cluster);
  s.addEvent({ name: 'cluster_registration_succeeded', cluster_id: cluster.id, severity: 'info', message: `Successfully registered cluster ${name} with id ${cluster.id}` });
  if (s.faults.dropImport) {
    // The cluster exists, but the client never hears so: it must find it again rather than import twice.
    s.faults.dropImport = false;
    r.record(0, undefined);
    r.req.socket.destroy();
    return true;
  }
  return r.reply(201, clusterJson(s, cluster));
}
