import { API_BASE as base, type Day2State } from './state';
import type { SimCluster, SimHost, SimInfraEnv } from './types';

/** The day-2 install stages, in order, as the service reports them in progress_stages. */
export const DAY2_STAGES = ['Starting installation', 'Installing', 'Writing image to disk', 'Waiting for control plane', 'Done'];

// Representations as on the wire (snake_case), with the field names of swagger.yaml.

export function clusterJson(s: Day2State, c: SimCluster) {
  const clusterHosts = [...s.hosts.values()].filter((h) => h.clusterId === c.id);
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
    hosts: clusterHosts.map((h) => hostJson(s, h)),
    created_at: c.createdAt,
    updated_at: c.createdAt,
  };
}

export function infraEnvJson(s: Day2State, e: SimInfraEnv) {
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
    size_bytes: s.isoSize,
    created_at: e.createdAt,
    updated_at: e.updatedAt,
  };
}

export function hostJson(s: Day2State, h: SimHost) {
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
    progress_stages: DAY2_STAGES,
    installation_disk_path: '/dev/sda',
    created_at: h.createdAt,
    updated_at: h.updatedAt,
    timestamp: Math.floor(s.clock.now() / 1000) - (h.ntpTicksLeft > 0 ? 3600 : 0),
  };
}

export const hostName = (h: SimHost) => h.requestedHostname ?? h.spec.hostname;

/** The discovery agent's hardware inventory, a JSON string as in the real host record. */
export function inventoryFor(spec: SimHost['spec']): string {
  return JSON.stringify({
    hostname: spec.hostname,
    bmc_address: '0.0.0.0',
    cpu: { count: spec.cpuCores, architecture: 'x86_64', model_name: 'Intel(R) Xeon(R) Silver 4314 CPU @ 2.40GHz' },
    memory: { physical_bytes: spec.memoryBytes, usable_bytes: spec.memoryBytes - 2 ** 28 },
    interfaces: [{ name: 'eno1', mac_address: spec.mac, ipv4_addresses: [`${spec.ipv4}/24`], ipv6_addresses: [], speed_mbps: 10000, has_carrier: true }],
    disks: [{ name: 'sda', path: '/dev/sda', size_bytes: spec.diskBytes, drive_type: 'SSD', model: 'SAMSUNG MZ7LH960', serial: `S4${spec.serial}`, bootable: false }],
    system_vendor: { manufacturer: spec.vendor, product_name: spec.model, serial_number: spec.serial, virtual: false },
    routes: [{ destination: '0.0.0.0', gateway: spec.ipv4.replace(/\d+$/, '1'), interface: 'eno1', family: 2 }],
  });
}
