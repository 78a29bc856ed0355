import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import { readBody, sendJson } from './http-util';
import { startAssistedSimulator, type AssistedRoute, type AssistedSimulator, type AssistedSimulatorOptions } from './assisted-simulator';

/**
 * The day-2 part of the Assisted Installer simulator: imported clusters, infra-envs, tokenised
 * image URLs that expire, hosts that follow the real SaaS day-2 state machine
 * (discovering → insufficient/known → installing → installing-in-progress → added-to-existing-cluster,
 * with installing-pending-user-action, error and reset), validations_info as a JSON string, events with
 * Event-Count, and both error body shapes. Scripted scenarios reproduce what goes wrong in the field.
 * Field names, status codes and shapes follow swagger.yaml; the tests check every exchange against it.
 */

const base = '/api/assisted-install/v2';

export interface SimHostSpec {
  /** what the discovery agent reports as hostname (a DHCP-less host says "localhost") */
  hostname: string;
  mac: string;
  ipv4: string;
  serial: string;
  vendor: string;
  model: string;
  cpuCores: number;
  memoryBytes: number;
  diskBytes: number;
  /** ticks during which the host clock is off and NTP fails, then it recovers */
  ntpFailTicks: number;
  /** how the installation ends */
  outcome: 'joined' | 'bootsIsoAgain' | 'fails';
}

interface SimHost {
  id: string;
  infraEnvId: string;
  clusterId: string;
  spec: SimHostSpec;
  status: string;
  statusInfo: string;
  requestedHostname?: string;
  inventory?: string;
  validationsInfo?: string;
  stageIndex: number;
  stage?: string;
  percentage?: number;
  ticksInStatus: number;
  createdAt: string;
  updatedAt: string;
  statusUpdatedAt: string;
  checkedInAt: string;
  ntpTicksLeft: number;
}

interface SimCluster {
  id: string;
  name: string;
  baseDnsDomain: string;
  apiVipDnsName: string;
  openshiftClusterId: string;
  openshiftVersion?: string;
  createdAt: string;
}

interface SimInfraEnv {
  id: string;
  name: string;
  clusterId?: string;
  body: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  downloadUrl?: string;
  expiresAt?: string;
}

interface SimEvent {
  name: string;
  cluster_id?: string;
  host_id?: string;
  infra_env_id?: string;
  severity: 'info' | 'warning' | 'error' | 'critical';
  category: 'user';
  message: string;
  event_time: string;
}

export interface Exchange {
  method: string;
  path: string;
  query: Record<string, string>;
  requestBody?: unknown;
  status: number;
  responseBody?: unknown;
  headers: Record<string, string>;
  /** when the request was answered (ms since epoch, wall clock) */
  at: number;
}

export interface Day2SimulatorOptions {
  clock?: Clock;
  /** Advance every host one step this often; 0 = only when tick() is called (tests) */
  tickMs?: number;
  /** Lifetime of signed image URLs (the SaaS default is 4 h) */
  imageUrlLifetimeMs?: number;
  /** Practice mode: a host boots the ISO (registers) this long after it was downloaded; undefined = never */
  bootAfterDownloadMs?: number;
  /** Spec for the host that boots after the download */
  practiceHost?: Partial<SimHostSpec>;
  /** Size of the served ISO file */
  isoBytes?: number;
}

export interface Day2Simulator {
  routes: AssistedRoute[];
  publicRoutes: AssistedRoute[];
  readonly exchanges: Exchange[];
  readonly clusters: ReadonlyMap<string, SimCluster>;
  readonly infraEnvs: ReadonlyMap<string, SimInfraEnv>;
  hostStatus(hostId: string): string | undefined;
  hostIds(): string[];
  /** A machine boots the discovery ISO of an infra-env (the newest one if not given) and registers */
  bootHost(spec?: Partial<SimHostSpec>, infraEnvId?: string): string;
  /** Advance every host one step of its state machine */
  tick(): void;
  scenarios: {
    /** The next n API requests answer 500 (error shape) */
    failNextRequests(n: number, status?: number): void;
    /** The next import creates the cluster, then drops the connection without answering */
    dropNextImportResponse(): void;
    /** The next image URL is already expired when used */
    expireNextImageUrl(): void;
    /** DNS for api/api-int/*.apps fails on every host until turned off */
    dnsFailure(on: boolean): void;
  };
  /** How many ISO downloads were served successfully */
  readonly isoDownloads: number;
  stop(): void;
}

const day2Stages = ['Starting installation', 'Installing', 'Writing image to disk', 'Waiting for control plane', 'Done'];

export function createDay2Simulator(options: Day2SimulatorOptions = {}): Day2Simulator {
  const clock = options.clock ?? systemClock;
  const lifetime = options.imageUrlLifetimeMs ?? 4 * 3600_000;
  const isoSize = options.isoBytes ?? 4 * 1024 * 1024;
  const clusters = new Map<string, SimCluster>();
  const infraEnvs = new Map<string, SimInfraEnv>();
  const hosts = new Map<string, SimHost>();
  const events: SimEvent[] = [];
  const exchanges: Exchange[] = [];
  const imageTokens = new Map<string, { infraEnvId: string; exp: number }>();
  let failNext = 0;
  let failStatus = 500;
  let dropImport = false;
  let expireNextUrl = false;
  let dnsBroken = false;
  let isoDownloads = 0;
  let hostCounter = 0;
  const timers = new Set<NodeJS.Timeout>();

  const now = () => new Date(clock.now()).toISOString();

  const record = (req: IncomingMessage, url: URL, requestBody: unknown, status: number, responseBody: unknown, headers: Record<string, string> = {}) => {
    exchanges.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), requestBody, status, responseBody, headers, at: Date.now() });
  };
  const reply = (req: IncomingMessage, res: ServerResponse, url: URL, requestBody: unknown, status: number, body: unknown, headers: Record<string, string> = {}) => {
    record(req, url, requestBody, status, body, headers);
    sendJson(res, status, body, headers);
    return true;
  };
  /** The `error` shape (400/404/405/409/500): code is the status as a string, as the service really sends it */
  const fail = (req: IncomingMessage, res: ServerResponse, url: URL, requestBody: unknown, status: number, reason: string) =>
    reply(req, res, url, requestBody, status, { kind: 'Error', id: status, code: String(status), href: '', reason });

  const addEvent = (e: Omit<SimEvent, 'category' | 'event_time'>) => events.push({ ...e, category: 'user', event_time: now() });

  // ---- representations (snake_case, as on the wire) ----
  const clusterJson = (c: SimCluster) => {
    const clusterHosts = [...hosts.values()].filter((h) => h.clusterId === c.id);
    return {
      kind: 'AddHostsCluster',
      id: c.id,
      href: `${base}/clusters/${c.id}`,
      name: c.name,
      openshift_cluster_id: c.openshiftClusterId,
      ...(c.openshiftVersion ? { openshift_version: c.openshiftVersion } : {}),
      api_vip_dns_name: c.apiVipDnsName,
      base_dns_domain: c.baseDnsDomain,
      imported: true,
      status: 'adding-hosts',
      status_info: 'cluster is adding hosts to existing OCP cluster',
      status_updated_at: c.createdAt,
      platform: { type: 'baremetal' },
      image_info: { created_at: c.createdAt },
      cpu_architecture: 'x86_64',
      total_host_count: clusterHosts.length,
      ready_host_count: clusterHosts.filter((h) => h.status === 'known').length,
      hosts: clusterHosts.map(hostJson),
      created_at: c.createdAt,
      updated_at: c.createdAt,
    };
  };

  const infraEnvJson = (e: SimInfraEnv) => {
    const b = e.body;
    return {
      kind: 'InfraEnv',
      id: e.id,
      href: `${base}/infra-envs/${e.id}`,
      name: e.name,
      type: (b.image_type as string) ?? 'full-iso',
      ...(e.clusterId ? { cluster_id: e.clusterId } : {}),
      openshift_version: String(b.openshift_version ?? '4.16'),
      cpu_architecture: String(b.cpu_architecture ?? 'x86_64'),
      pull_secret_set: true,
      ...(b.ssh_authorized_key ? { ssh_authorized_key: b.ssh_authorized_key } : {}),
      ...(b.proxy ? { proxy: b.proxy } : {}),
      ...(b.additional_ntp_sources ? { additional_ntp_sources: b.additional_ntp_sources } : {}),
      ...(b.static_network_config ? { static_network_config: JSON.stringify(b.static_network_config) } : {}),
      ...(e.downloadUrl ? { download_url: e.downloadUrl } : {}),
      expires_at: e.expiresAt ?? '0001-01-01T00:00:00.000Z',
      size_bytes: isoSize,
      created_at: e.createdAt,
      updated_at: e.updatedAt,
    };
  };

  function hostJson(h: SimHost) {
    return {
      kind: 'AddToExistingClusterHost',
      id: h.id,
      href: `${base}/infra-envs/${h.infraEnvId}/hosts/${h.id}`,
      cluster_id: h.clusterId,
      infra_env_id: h.infraEnvId,
      status: h.status,
      status_info: h.statusInfo,
      status_updated_at: h.statusUpdatedAt,
      ...(h.inventory ? { inventory: h.inventory } : {}),
      ...(h.validationsInfo ? { validations_info: h.validationsInfo } : {}),
      requested_hostname: h.requestedHostname ?? (h.inventory ? h.spec.hostname : h.id),
      role: 'worker',
      suggested_role: 'worker',
      machine_config_pool_name: 'worker',
      media_status: 'connected',
      checked_in_at: h.checkedInAt,
      discovery_agent_version: 'quay.io/edge-infrastructure/assisted-installer-agent:simulated',
      progress: {
        ...(h.stage ? { current_stage: h.stage, installation_percentage: h.percentage ?? 0, stage_started_at: h.updatedAt, stage_updated_at: h.updatedAt } : {}),
      },
      progress_stages: day2Stages,
      installation_disk_path: '/dev/sda',
      created_at: h.createdAt,
      updated_at: h.updatedAt,
      timestamp: Math.floor(clock.now() / 1000) - (h.ntpTicksLeft > 0 ? 3600 : 0),
    };
  }

  const hostName = (h: SimHost) => h.requestedHostname ?? h.spec.hostname;

  function setStatus(h: SimHost, status: string, info: string) {
    const from = h.status;
    h.status = status;
    h.statusInfo = info;
    h.ticksInStatus = 0;
    h.statusUpdatedAt = now();
    h.updatedAt = now();
    if (from !== status) {
      addEvent({
        name: 'host_status_updated',
        cluster_id: h.clusterId,
        host_id: h.id,
        infra_env_id: h.infraEnvId,
        severity: status === 'error' ? 'error' : status === 'installing-pending-user-action' ? 'warning' : 'info',
        message: `Host ${hostName(h)}: updated status from ${from} to ${status} (${info})`,
      });
    }
  }

  function validations(h: SimHost) {
    const v = (id: string, ok: boolean | 'pending', okMessage: string, failMessage: string) => ({
      id,
      status: ok === 'pending' ? 'pending' : ok ? 'success' : 'failure',
      message: ok === true ? okMessage : failMessage,
    });
    const name = hostName(h);
    const localhost = /^localhost(\d)?(\.localdomain\d?)?$/.test(name);
    const unique = ![...hosts.values()].some((o) => o.id !== h.id && o.clusterId === h.clusterId && hostName(o) === name);
    const cluster = clusters.get(h.clusterId);
    const clockOff = h.ntpTicksLeft > 0;
    const dnsMessage = (label: string, domain: string) =>
      dnsBroken
        ? `Couldn't resolve domain name ${domain} on the host. To continue installation, create the necessary DNS entries to resolve this domain name to your cluster's ${label} IP address`
        : `Domain name resolution for the ${domain} domain was successful or not required`;
    const domain = cluster ? `${cluster.name}.${cluster.baseDnsDomain}` : 'unknown';
    return {
      hardware: [
        v('has-inventory', true, 'Valid inventory exists for the host', 'Did not receive the host\'s hardware inventory'),
        v('has-min-cpu-cores', h.spec.cpuCores >= 2, 'Sufficient CPU cores', `The host is not eligible to participate in Openshift Cluster because the minimum required CPU cores for any role is 2, found only ${h.spec.cpuCores}`),
        v('has-min-memory', h.spec.memoryBytes >= 8 * 2 ** 30, 'Sufficient minimum RAM', 'The host is not eligible to participate in Openshift Cluster because the minimum required RAM for any role is 8.00 GiB'),
        v('has-min-valid-disks', h.spec.diskBytes >= 100e9, 'Sufficient disk capacity', 'No eligible disks were found, please check specific disks to see why they are not eligible'),
        v('has-cpu-cores-for-role', h.spec.cpuCores >= 2, 'Sufficient CPU cores for role worker', `Require at least 2 CPU cores for worker role, found only ${h.spec.cpuCores}`),
        v('has-memory-for-role', h.spec.memoryBytes >= 8 * 2 ** 30, 'Sufficient RAM for role worker', 'Require at least 8.00 GiB RAM for role worker'),
        v('hostname-unique', unique, `Hostname ${name} is unique in cluster`, `Hostname ${name} is not unique in cluster`),
        v('hostname-valid', !localhost, `Hostname ${name} is allowed`, `Hostname ${name} is forbidden`),
      ],
      network: [
        v('connected', true, 'Host is connected', 'Host is disconnected'),
        v('media-connected', true, 'Media device is connected', 'Failed - Unable to read from the discovery media'),
        v('has-default-route', true, 'Host has been configured with at least one default route.', 'Host has not yet been configured with a default route.'),
        v('belongs-to-machine-cidr', true, 'No machine network CIDR validation needed: Day2 cluster', ''),
        v('ignition-downloadable', true, 'Ignition is downloadable', ''),
        v('api-domain-name-resolved-correctly', !dnsBroken, dnsMessage('API load balancer', `api.${domain}`), dnsMessage('API load balancer', `api.${domain}`)),
        v('api-int-domain-name-resolved-correctly', !dnsBroken, dnsMessage('internal API load balancer', `api-int.${domain}`), dnsMessage('internal API load balancer', `api-int.${domain}`)),
        v('apps-domain-name-resolved-correctly', !dnsBroken, dnsMessage('application ingress load balancer', `*.apps.${domain}`), dnsMessage('application ingress load balancer', `*.apps.${domain}`)),
        v('dns-wildcard-not-configured', true, 'DNS wildcard check is not required for day2', ''),
        v('time-synced-between-host-and-service', !clockOff, 'Host clock is synchronized with service', "Host clock is not synchronized, service time is ahead of host's at least for 20.0 minutes, please configure an NTP server via DHCP. Service time: " + now()),
        v('ntp-synced', !clockOff, 'Host NTP is synced', "Host couldn't synchronize with any NTP server"),
      ],
      operators: [
        v('lso-requirements-satisfied', true, 'lso is disabled', ''),
        v('odf-requirements-satisfied', true, 'odf is disabled', ''),
        v('cnv-requirements-satisfied', true, 'cnv is disabled', ''),
      ],
    };
  }

  function refreshValidations(h: SimHost) {
    const groups = validations(h);
    h.validationsInfo = JSON.stringify(groups);
    const failing = Object.values(groups)
      .flat()
      .filter((v) => v.status === 'failure' && v.id !== 'ntp-synced');
    if (failing.length) {
      const info = `Host cannot be installed due to following failing validation(s): ${failing.map((f) => f.message).join(' ; ')}`;
      if (h.status !== 'insufficient' || h.statusInfo !== info) setStatus(h, 'insufficient', info);
    } else if (h.status !== 'known') {
      setStatus(h, 'known', 'Host is ready to be installed');
    }
  }

  function inventoryFor(spec: SimHostSpec): string {
    return JSON.stringify({
      hostname: spec.hostname,
      bmc_address: '0.0.0.0',
      cpu: { count: spec.cpuCores, architecture: 'x86_64', model_name: 'Intel(R) Xeon(R) Silver 4314 CPU @ 2.40GHz' },
      memory: { physical_bytes: spec.memoryBytes, usable_bytes: spec.memoryBytes - 2 ** 28 },
      interfaces: [
        { name: 'eno1', mac_address: spec.mac, ipv4_addresses: [`${spec.ipv4}/24`], ipv6_addresses: [], speed_mbps: 10000, has_carrier: true },
      ],
      disks: [{ name: 'sda', path: '/dev/sda', size_bytes: spec.diskBytes, drive_type: 'SSD', model: 'SAMSUNG MZ7LH960', serial: `S4${spec.serial}`, bootable: false }],
      system_vendor: { manufacturer: spec.vendor, product_name: spec.model, serial_number: spec.serial, virtual: false },
      routes: [{ destination: '0.0.0.0', gateway: spec.ipv4.replace(/\d+$/, '1'), interface: 'eno1', family: 2 }],
    });
  }

  function step(h: SimHost) {
    h.ticksInStatus += 1;
    h.checkedInAt = now();
    switch (h.status) {
      case 'discovering':
        h.inventory = inventoryFor(h.spec);
        addEvent({ name: 'host_registration_succeeded', cluster_id: h.clusterId, host_id: h.id, infra_env_id: h.infraEnvId, severity: 'info', message: `Host ${hostName(h)}: Successfully registered` });
        refreshValidations(h);
        break;
      case 'known':
      case 'insufficient':
        if (h.ntpTicksLeft > 0) h.ntpTicksLeft -= 1;
        refreshValidations(h);
        break;
      case 'installing':
        h.stageIndex = 0;
        h.stage = day2Stages[0];
        h.percentage = 20;
        setStatus(h, 'installing-in-progress', h.stage!);
        break;
      case 'installing-in-progress': {
        const next = h.stageIndex + 1;
        if (next < day2Stages.length - 1) {
          if (h.spec.outcome === 'fails' && day2Stages[next] === 'Writing image to disk') {
            h.stage = 'Failed';
            setStatus(h, 'error', 'Failed - failed to write image to disk: write /dev/sda: input/output error');
            break;
          }
          h.stageIndex = next;
          h.stage = day2Stages[next];
          h.percentage = (next + 1) * 20;
          h.updatedAt = now();
          h.statusInfo = h.stage!;
          addEvent({ name: 'host_install_progress_updated', cluster_id: h.clusterId, host_id: h.id, infra_env_id: h.infraEnvId, severity: 'info', message: `Host: ${hostName(h)}, reached installation stage ${h.stage}` });
        } else {
          h.stageIndex = day2Stages.length - 1;
          h.stage = 'Done';
          h.percentage = 100;
          setStatus(h, 'added-to-existing-cluster', 'Host has rebooted and no further updates will be posted. Please check console for progress and to possibly approve pending CSRs');
        }
        break;
      }
      case 'added-to-existing-cluster':
        if (h.spec.outcome === 'bootsIsoAgain' && h.ticksInStatus >= 1) {
          setStatus(h, 'installing-pending-user-action', 'Expected the host to boot from disk, but it booted the installation image - please reboot and fix boot order to boot from disk SAMSUNG MZ7LH960 S4' + h.spec.serial + ' (sda, /dev/disk/by-id/wwn-0x5002538e00000000)');
        }
        break;
      case 'resetting-pending-user-action':
        // The technician boots the discovery ISO again; in the simulator that happens two steps later.
        if (h.ticksInStatus >= 2) {
          h.stage = undefined;
          h.percentage = undefined;
          h.spec = { ...h.spec, outcome: 'joined' };
          setStatus(h, 'discovering', 'Waiting for host to send hardware details');
        }
        break;
      default:
        break;
    }
  }

  function tick() {
    for (const h of hosts.values()) step(h);
  }

  function bootHost(spec: Partial<SimHostSpec> = {}, infraEnvId?: string): string {
    const env = infraEnvId ? infraEnvs.get(infraEnvId) : [...infraEnvs.values()].at(-1);
    if (!env?.clusterId) throw new Error('no bound infra-env to boot from');
    hostCounter += 1;
    const n = hostCounter;
    const full: SimHostSpec = {
      hostname: 'localhost',
      mac: `52:54:00:ab:cd:${n.toString(16).padStart(2, '0')}`,
      ipv4: `192.168.122.${50 + n}`,
      serial: `SIM${String(1000 + n)}`,
      vendor: 'Dell Inc.',
      model: 'PowerEdge R650',
      cpuCores: 16,
      memoryBytes: 64 * 2 ** 30,
      diskBytes: 960e9,
      ntpFailTicks: 0,
      outcome: 'joined',
      ...spec,
    };
    const id = randomUUID();
    const h: SimHost = {
      id,
      infraEnvId: env.id,
      clusterId: env.clusterId,
      spec: full,
      status: 'discovering',
      statusInfo: 'Waiting for host to send hardware details',
      stageIndex: -1,
      ticksInStatus: 0,
      createdAt: now(),
      updatedAt: now(),
      statusUpdatedAt: now(),
      checkedInAt: now(),
      ntpTicksLeft: full.ntpFailTicks,
    };
    hosts.set(id, h);
    return id;
  }

  const auto = options.tickMs ? setInterval(tick, options.tickMs) : undefined;
  auto?.unref();

  // ---- request handling ----
  const parseJson = async (req: IncomingMessage): Promise<unknown> => {
    const text = await readBody(req);
    if (!text) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      return Symbol.for('invalid');
    }
  };

  const api: AssistedRoute = async (req, res, url) => {
    if (!url.pathname.startsWith(`${base}/`)) return false;
    const path = url.pathname.slice(base.length);
    const method = req.method ?? 'GET';
    const body = method === 'GET' ? undefined : await parseJson(req);
    if (body === Symbol.for('invalid')) return reply(req, res, url, undefined, 400, { code: 400, message: 'parsing body body from "" failed, because invalid character' });
    if (failNext > 0) {
      failNext -= 1;
      return fail(req, res, url, body, failStatus, failStatus === 503 ? 'service unavailable' : 'Internal server error: simulated failure');
    }
    const b = (body ?? {}) as Record<string, unknown>;
    let m: RegExpExecArray | null;

    if (method === 'GET' && path === '/clusters') {
      const id = url.searchParams.get('openshift_cluster_id');
      const list = [...clusters.values()].filter((c) => !id || c.openshiftClusterId === id).map(clusterJson);
      return reply(req, res, url, body, 200, list);
    }
    if (method === 'POST' && path === '/clusters/import') {
      for (const field of ['name', 'api_vip_dnsname', 'openshift_cluster_id']) {
        // go-openapi's schema errors come back as {code, message} with 400
        if (typeof b[field] !== 'string' || !b[field]) return reply(req, res, url, body, 400, { code: 400, message: `${field} in body is required` });
      }
      const dns = String(b.api_vip_dnsname);
      const parts = /^api\.([^.]+)\.(.+)$/.exec(dns);
      const name = parts ? parts[1]! : String(b.name);
      if (!parts && !/^([a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name)) return fail(req, res, url, body, 400, `Cluster name format is not valid: '${name}'. Name must consist of lower-case letters, numbers and hyphens. It must start and end with a letter or number.`);
      const cluster: SimCluster = {
        id: randomUUID(),
        name,
        baseDnsDomain: parts ? parts[2]! : '',
        apiVipDnsName: dns,
        openshiftClusterId: String(b.openshift_cluster_id),
        ...(typeof b.openshift_version === 'string' ? { openshiftVersion: b.openshift_version } : {}),
        createdAt: now(),
      };
      clusters.set(cluster.id, cluster);
      addEvent({ name: 'cluster_registration_succeeded', cluster_id: cluster.id, severity: 'info', message: `Successfully registered cluster ${name} with id ${cluster.id}` });
      if (dropImport) {
        dropImport = false;
        record(req, url, body, 0, undefined);
        req.socket.destroy();
        return true;
      }
      return reply(req, res, url, body, 201, clusterJson(cluster));
    }
    if ((m = /^\/clusters\/([^/]+)$/.exec(path))) {
      const cluster = clusters.get(m[1]!);
      if (!cluster) return fail(req, res, url, body, 404, 'Object Not Found');
      if (method === 'GET') return reply(req, res, url, body, 200, clusterJson(cluster));
      return fail(req, res, url, body, 405, 'method not allowed in the simulator');
    }
    if (path === '/infra-envs') {
      if (method === 'GET') {
        const id = url.searchParams.get('cluster_id');
        return reply(req, res, url, body, 200, [...infraEnvs.values()].filter((e) => !id || e.clusterId === id).map(infraEnvJson));
      }
      if (method === 'POST') {
        for (const field of ['name', 'pull_secret']) {
          if (typeof b[field] !== 'string' || !b[field]) return reply(req, res, url, body, 400, { code: 400, message: `${field} in body is required` });
        }
        try {
          const ps = JSON.parse(String(b.pull_secret)) as { auths?: Record<string, unknown> };
          if (!ps.auths?.['cloud.openshift.com']) throw new Error('no cloud.openshift.com');
        } catch {
          return fail(req, res, url, body, 400, 'Failed validating pull secret: pull secret must contain auth for "cloud.openshift.com"');
        }
        if (b.image_type === 'disconnected-iso') return fail(req, res, url, body, 400, 'disconnected-iso is not supported for this infra-env');
        const clusterId = typeof b.cluster_id === 'string' ? b.cluster_id : undefined;
        if (clusterId && !clusters.has(clusterId)) return fail(req, res, url, body, 404, `Cluster ${clusterId} not found`);
        const env: SimInfraEnv = { id: randomUUID(), name: String(b.name), ...(clusterId ? { clusterId } : {}), body: b, createdAt: now(), updatedAt: now() };
        infraEnvs.set(env.id, env);
        addEvent({ name: 'infra_env_registration_succeeded', infra_env_id: env.id, ...(clusterId ? { cluster_id: clusterId } : {}), severity: 'info', message: `Registered infra env ${env.name}` });
        return reply(req, res, url, body, 201, infraEnvJson(env));
      }
    }
    if ((m = /^\/infra-envs\/([^/]+)$/.exec(path))) {
      const env = infraEnvs.get(m[1]!);
      if (!env) return fail(req, res, url, body, 404, 'Object Not Found');
      if (method === 'GET') return reply(req, res, url, body, 200, infraEnvJson(env));
      if (method === 'PATCH') {
        const { pull_secret: _ps, ...rest } = b;
        env.body = { ...env.body, ...rest };
        env.updatedAt = now();
        // A new type or version needs a new image: the stored URL is void
        env.downloadUrl = undefined;
        env.expiresAt = undefined;
        return reply(req, res, url, body, 201, infraEnvJson(env));
      }
    }
    if (method === 'GET' && (m = /^\/infra-envs\/([^/]+)\/downloads\/image-url$/.exec(path))) {
      const env = infraEnvs.get(m[1]!);
      if (!env) return fail(req, res, url, body, 404, 'Object Not Found');
      const token = randomBytes(24).toString('base64url');
      const exp = expireNextUrl ? clock.now() - 1000 : clock.now() + lifetime;
      expireNextUrl = false;
      imageTokens.set(token, { infraEnvId: env.id, exp });
      const type = String(env.body.image_type ?? 'full-iso') === 'minimal-iso' ? 'minimal' : 'full';
      env.downloadUrl = `http://${req.headers.host}/images/bytoken/${token}/${String(env.body.openshift_version ?? '4.16')}/x86_64/${type}.iso`;
      env.expiresAt = new Date(exp).toISOString();
      return reply(req, res, url, body, 200, { url: env.downloadUrl, expires_at: env.expiresAt });
    }
    if (method === 'GET' && (m = /^\/infra-envs\/([^/]+)\/hosts$/.exec(path))) {
      if (!infraEnvs.has(m[1]!)) return fail(req, res, url, body, 404, 'Object Not Found');
      return reply(req, res, url, body, 200, [...hosts.values()].filter((h) => h.infraEnvId === m![1]).map(hostJson));
    }
    if ((m = /^\/infra-envs\/([^/]+)\/hosts\/([^/]+)(\/actions\/(install|reset))?$/.exec(path))) {
      const h = hosts.get(m[2]!);
      if (!h || h.infraEnvId !== m[1]) return fail(req, res, url, body, 404, 'Object Not Found');
      const action = m[4];
      if (!action && method === 'GET') return reply(req, res, url, body, 200, hostJson(h));
      if (!action && method === 'PATCH') {
        if (b.host_name !== undefined) {
          const allowed = ['discovering', 'known', 'disconnected', 'insufficient', 'pending-for-input'];
          if (!allowed.includes(h.status)) return fail(req, res, url, body, 400, `Host is in ${h.status} state, host name can be set only in one of [${allowed.join(' ')}] states`);
          const name = String(b.host_name);
          if (!/^[a-z0-9][a-z0-9-]{0,62}(?:[.][a-z0-9-]{1,63})*$/.test(name) || /^localhost/.test(name)) return fail(req, res, url, body, 400, `hostname ${name} is forbidden`);
          h.requestedHostname = name;
          h.updatedAt = now();
          if (h.inventory) refreshValidations(h);
        }
        return reply(req, res, url, body, 201, hostJson(h));
      }
      if (action === 'install' && method === 'POST') {
        if (h.status !== 'known') return fail(req, res, url, body, 409, `cannot install host in state ${h.status}`);
        setStatus(h, 'installing', 'Installation is in progress');
        return reply(req, res, url, body, 202, hostJson(h));
      }
      if (action === 'reset' && method === 'POST') {
        if (!['error', 'installing-pending-user-action', 'installing', 'installing-in-progress'].includes(h.status)) return fail(req, res, url, body, 409, `Can't reset host in ${h.status} status`);
        setStatus(h, 'resetting-pending-user-action', 'Host requires booting into the discovery image to complete resetting the installation');
        return reply(req, res, url, body, 200, hostJson(h));
      }
    }
    if (method === 'GET' && path === '/events') {
      const clusterId = url.searchParams.get('cluster_id');
      const infraEnvId = url.searchParams.get('infra_env_id');
      let list = events.filter((e) => (!clusterId || e.cluster_id === clusterId) && (!infraEnvId || e.infra_env_id === infraEnvId));
      if (!clusterId && !infraEnvId) list = [];
      if (url.searchParams.get('order') === 'descending') list = [...list].reverse();
      const total = list.length;
      const offset = Number(url.searchParams.get('offset') ?? 0) || 0;
      const limitRaw = Number(url.searchParams.get('limit') ?? 5000);
      const page = limitRaw < 0 ? list.slice(offset) : list.slice(offset, offset + limitRaw);
      const count = (s: string) => String(list.filter((e) => e.severity === s).length);
      return reply(req, res, url, body, 200, page, {
        'Event-Count': String(total),
        'Severity-Count-Info': count('info'),
        'Severity-Count-Warning': count('warning'),
        'Severity-Count-Error': count('error'),
        'Severity-Count-Critical': count('critical'),
      });
    }
    return fail(req, res, url, body, 404, 'Object Not Found');
  };

  /** The image service: tokenised ISO URLs, no bearer token; an expired token answers 401. */
  const images: AssistedRoute = async (req, res, url) => {
    const m = /^\/images\/bytoken\/([^/]+)\/[^/]+\/[^/]+\/(full|minimal)\.iso$/.exec(url.pathname);
    if (!m || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    const token = imageTokens.get(m[1]!);
    if (!token) {
      sendJson(res, 401, { code: 401, message: 'invalid image token' });
      return true;
    }
    if (token.exp <= clock.now()) {
      sendJson(res, 401, { code: 401, message: 'image token expired' });
      return true;
    }
    // A recognisable fake ISO: ISO 9660 primary volume descriptor magic at 0x8001, deterministic filler.
    const data = Buffer.alloc(isoSize, 0x5a);
    data.write('CD001', 0x8001, 'ascii');
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(data.length) });
    res.end(req.method === 'HEAD' ? undefined : data);
    if (req.method === 'GET') {
      isoDownloads += 1;
      if (options.bootAfterDownloadMs !== undefined) {
        const infraEnvId = token.infraEnvId;
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (![...hosts.values()].some((h) => h.infraEnvId === infraEnvId)) bootHost(options.practiceHost ?? {}, infraEnvId);
        }, options.bootAfterDownloadMs);
        timers.add(timer);
      }
    }
    return true;
  };

  return {
    routes: [api],
    publicRoutes: [images],
    exchanges,
    clusters,
    infraEnvs,
    hostStatus: (id) => hosts.get(id)?.status,
    hostIds: () => [...hosts.keys()],
    bootHost,
    tick,
    scenarios: {
      failNextRequests(n, status = 500) {
        failNext = n;
        failStatus = status;
      },
      dropNextImportResponse() {
        dropImport = true;
      },
      expireNextImageUrl() {
        expireNextUrl = true;
      },
      dnsFailure(on) {
        dnsBroken = on;
      },
    },
    get isoDownloads() {
      return isoDownloads;
    },
    stop() {
      if (auto) clearInterval(auto);
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}

export interface Day2SimulatorServer extends AssistedSimulator {
  day2: Day2Simulator;
}

/** The full Assisted Installer simulator (auth + component-versions + day-2) on 127.0.0.1. */
export async function startDay2Simulator(auth: Omit<AssistedSimulatorOptions, 'publicRoutes'>, options: Day2SimulatorOptions = {}): Promise<Day2SimulatorServer> {
  const day2 = createDay2Simulator(options);
  const server = await startAssistedSimulator({ ...auth, publicRoutes: day2.publicRoutes }, day2.routes);
  return {
    ...server,
    day2,
    close: async () => {
      day2.stop();
      await server.close();
    },
  };
}
