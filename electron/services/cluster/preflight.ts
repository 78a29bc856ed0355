import { promises as dns } from 'node:dns';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { randomBytes } from 'node:crypto';
import { clusterDataSchema, type PreflightCheck } from '../../../shared/api/domains/cluster';
import { sameIp } from '../../../shared/csr/ip';
import { checkResources, type ResourcesInput } from '../../../shared/cluster/resources';
import type { ClusterService } from './cluster-service';
import type { JobStore } from '../jobs/job-store';
import type { Clock } from '../clock';
import { versionAtLeast, MIN_VERSION } from './cluster-views';

export interface PreflightDeps {
  cluster: ClusterService;
  jobs: JobStore;
  clock: Clock;
  /** A DNS server to ask directly (host:port) instead of the system resolver (getaddrinfo); tests use a local one */
  dnsServer?: string;
  /** Tests use other ports on 127.0.0.1 */
  ports?: { api: number; mcs: number; https: number; http: number };
  online?: () => boolean;
}

const CLOCK_WARN_S = 30;
const CLOCK_FAIL_S = 300;

/**
 * Checks from the technician's laptop that save a wasted trip: DNS for api / api-int / *.apps, TCP
 * reachability of 6443, 22623, 443 and 80, clock skew against the API server's Date header, and the
 * worker's resources. Network checks report "offline" rather than failing when the laptop has no network.
 */
export async function runPreflight(
  input: { jobId: string; clusterDomain?: string | undefined; workerIp?: string | undefined; resources?: ResourcesInput | undefined },
  deps: PreflightDeps,
): Promise<{ checks: PreflightCheck[]; online: boolean; ranAt: string }> {
  const job = await deps.jobs.get(input.jobId);
  const data = clusterDataSchema.safeParse(job.data.cluster);
  const checks: PreflightCheck[] = [];
  const online = (deps.online ?? hasNetwork)();
  const ports = deps.ports ?? { api: 6443, mcs: 22623, https: 443, http: 80 };
  const lookup = deps.dnsServer ? serverLookup(deps.dnsServer) : systemLookup;
  const apiHost = data.success ? data.data.apiHost : '';
  const domain = (input.clusterDomain ?? apiHost.replace(/^api(-int)?\./, '')).replace(/\.$/, '');

  if (data.success) {
    const ok = versionAtLeast(data.data.version, MIN_VERSION);
    checks.push({
      id: 'version',
      group: 'cluster',
      status: ok ? 'pass' : 'fail',
      key: ok ? 'versionOk' : 'versionTooOld',
      params: { version: data.data.version, minimum: MIN_VERSION },
      ...(ok ? {} : { fixKey: 'versionTooOld' }),
    });
  } else {
    checks.push({ id: 'connected', group: 'cluster', status: 'skipped', key: 'notConnected', params: {}, fixKey: 'notConnected' });
  }

  // DNS
  const names = domain
    ? [
        { id: 'dns-api', name: `api.${domain}`, required: true },
        { id: 'dns-api-int', name: `api-int.${domain}`, required: false },
        { id: 'dns-apps', name: `sfk-check-${randomBytes(3).toString('hex')}.apps.${domain}`, required: true },
      ]
    : [];
  const resolved = new Map<string, string[]>();
  for (const n of names) {
    if (!online) {
      checks.push({ id: n.id, group: 'dns', status: 'offline', key: 'offline', params: { name: n.name } });
      continue;
    }
    try {
      const addrs = await lookup(n.name);
      resolved.set(n.id, addrs);
      const clash = input.workerIp && addrs.some((a) => sameIp(a, input.workerIp!));
      checks.push({
        id: n.id,
        group: 'dns',
        status: clash ? 'warn' : 'pass',
        key: clash ? 'dnsWorkerIp' : 'dnsOk',
        params: { name: n.name, addresses: addrs.join(', '), ip: input.workerIp ?? '' },
        ...(clash ? { fixKey: 'dnsWorkerIp' } : {}),
      });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'ERROR';
      const noServer = code === 'ECONNREFUSED' || code === 'ETIMEOUT' || code === 'EAI_AGAIN';
      checks.push({
        id: n.id,
        group: 'dns',
        status: noServer ? 'offline' : n.required ? 'fail' : 'warn',
        key: noServer ? 'dnsNoServer' : 'dnsMissing',
        params: { name: n.name, code },
        fixKey: n.id === 'dns-api-int' ? 'dnsApiInt' : n.id === 'dns-apps' ? 'dnsApps' : 'dnsApi',
      });
    }
  }

  // TCP reachability
  const apiTarget = resolved.get('dns-api')?.[0] ?? apiHost;
  const appsTarget = resolved.get('dns-apps')?.[0] ?? apiTarget;
  const targets = apiTarget
    ? [
        { id: 'tcp-api', host: apiTarget, port: ports.api, fixKey: 'tcpApi' },
        { id: 'tcp-mcs', host: apiTarget, port: ports.mcs, fixKey: 'tcpMcs' },
        { id: 'tcp-https', host: appsTarget, port: ports.https, fixKey: 'tcpIngress' },
        { id: 'tcp-http', host: appsTarget, port: ports.http, fixKey: 'tcpIngress' },
      ]
    : [];
  await Promise.all(
    targets.map(async (t) => {
      if (!online) {
        checks.push({ id: t.id, group: 'tcp', status: 'offline', key: 'offline', params: { name: `${t.host}:${t.port}` } });
        return;
      }
      const result = await tcpProbe(t.host, t.port, 5_000);
      const unreachableNet = result.code === 'ENETUNREACH' || result.code === 'EHOSTUNREACH';
      checks.push({
        id: t.id,
        group: 'tcp',
        status: result.ok ? 'pass' : unreachableNet ? 'offline' : 'fail',
        key: result.ok ? 'tcpOk' : 'tcpFailed',
        params: { host: t.host, port: t.port, ms: result.ms, code: result.code ?? '' },
        ...(result.ok ? {} : { fixKey: t.fixKey }),
      });
    }),
  );

  // Clock skew: the worker's certificates and the kubelet's are time-sensitive.
  if (data.success && data.data.source === 'kubeconfig') {
    if (!online) checks.push({ id: 'clock', group: 'clock', status: 'offline', key: 'offline', params: { name: data.data.apiServerUrl } });
    else {
      try {
        const access = await deps.cluster.accessFor(input.jobId);
        const t = await access.serverTime();
        if (t.serverDate === undefined) checks.push({ id: 'clock', group: 'clock', status: 'skipped', key: 'clockNoDate', params: {} });
        else {
          // The Date header has 1 s resolution and was stamped somewhere during the round trip.
          const skew = Math.round((t.serverDate - (t.sentAt + t.receivedAt) / 2) / 1000);
          const abs = Math.abs(skew);
          const status = abs > CLOCK_FAIL_S ? 'fail' : abs > CLOCK_WARN_S ? 'warn' : 'pass';
          checks.push({ id: 'clock', group: 'clock', status, key: status === 'pass' ? 'clockOk' : 'clockSkew', params: { seconds: skew }, ...(status === 'pass' ? {} : { fixKey: 'clockSkew' }) });
        }
      } catch (err) {
        checks.push({ id: 'clock', group: 'clock', status: 'fail', key: 'clockFailed', params: { reason: String((err as Error).message).slice(0, 200) }, fixKey: 'tcpApi' });
      }
    }
  }

  // Resources
  if (input.resources) {
    for (const r of checkResources(input.resources))
      checks.push({
        id: `res-${r.id}`,
        group: 'resources',
        status: r.ok ? 'pass' : 'fail',
        key: r.ok ? 'resOk' : 'resLow',
        params: { what: r.id, value: r.value, minimum: r.minimum, unit: r.unit },
        ...(r.ok ? {} : { fixKey: 'resources' }),
      });
  } else {
    checks.push({ id: 'resources', group: 'resources', status: 'skipped', key: 'resSkipped', params: {} });
  }

  const ranAt = new Date(deps.clock.now()).toISOString();
  // The site report shows what the technician saw before going on; a failed write must not hide the results.
  const counts = (['pass', 'warn', 'fail', 'skipped', 'offline'] as const).map((s) => `${checks.filter((c) => c.status === s).length} ${s}`).join(', ');
  await deps.jobs.appendAudit(input.jobId, { action: 'cluster.preflight', summary: `Pre-flight checks: ${counts}`, details: { online, checks } }).catch(() => undefined);
  return { checks, online, ranAt };
}

async function systemLookup(name: string): Promise<string[]> {
  const found = await dns.lookup(name, { all: true });
  return [...new Set(found.map((f) => f.address))];
}

function serverLookup(server: string): (name: string) => Promise<string[]> {
  const resolver = new dns.Resolver({ timeout: 3_000, tries: 2 });
  resolver.setServers([server]);
  return async (name) => {
    const [v4, v6] = await Promise.allSettled([resolver.resolve4(name), resolver.resolve6(name)]);
    const found = [...(v4.status === 'fulfilled' ? v4.value : []), ...(v6.status === 'fulfilled' ? v6.value : [])];
    if (found.length) return found;
    throw v4.status === 'rejected' ? v4.reason : new Error('no address');
  };
}

function hasNetwork(): boolean {
  return Object.values(networkInterfaces()).some((list) => (list ?? []).some((i) => !i.internal));
}

function tcpProbe(host: string, port: number, timeoutMs: number): Promise<{ ok: boolean; ms: number; code?: string }> {
  const start = Date.now();
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean, code?: string) => {
      socket.destroy();
      resolve({ ok, ms: Date.now() - start, ...(code ? { code } : {}) });
    };
    socket.setTimeout(timeoutMs, () => done(false, 'ETIMEDOUT'));
    socket.once('connect', () => done(true));
    socket.once('error', (err: NodeJS.ErrnoException) => done(false, err.code ?? 'ERROR'));
  });
}
