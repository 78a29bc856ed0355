import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobStore } from '../../electron/services/jobs/job-store';
import type { Job } from '../../shared/api/domains/jobs';

/**
 * Jobs as the flows leave them on disk (job.json + audit.jsonl written through the real JobStore,
 * audit entries shaped like the services write them), for the site report and fleet export tests.
 * Each carries real secrets where a job really refers to them: a kubeconfig with a bearer token and
 * a client key, an SSH private key, a pull secret file, a proxy password; tests assert none leaks.
 */
export const SECRETS = {
  kubeToken: 'sha256~Zq3kVfW7yM2pLr8sT1uX9bN4cA6dE0gH5jK2mQ7oR3s',
  clientKeyData: 'LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFb3dJQkFBS0NBUUVBdGVzdGtleWRhdGE=',
  sshPrivateKeyBody: 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZWQyNTUxOQAAACDsecretsecret',
  pullSecretAuth: 'Y2xvdWQub3BlbnNoaWZ0LmNvbTpzM2NyM3RwdWxsc2VjcmV0dmFsdWU=',
  proxyPassword: 'Pr0xyPa55w0rd',
  imageToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJpbWFnZS10b2tlbiJ9.c2lnbmF0dXJlLXNlY3JldA',
  offlineToken: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0eXAiOiJPZmZsaW5lIn0.b2ZmbGluZS1zaWduYXR1cmU',
};

export const SSH_PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBexampleexampleexampleexampleexampleexample tech@laptop';

export function secretFiles(dir = mkdtempSync(join(tmpdir(), 'sfk-secrets-'))) {
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1\nkind: Config\nclusters:\n- name: sno1\n  cluster:\n    server: https://api.sno1.example.com:6443\ncontexts:\n- name: admin\n  context: {cluster: sno1, user: admin}\ncurrent-context: admin\nusers:\n- name: admin\n  user:\n    token: ${SECRETS.kubeToken}\n    client-key-data: ${SECRETS.clientKeyData}\n`,
  );
  const sshKey = join(dir, 'id_ed25519');
  writeFileSync(sshKey, `-----BEGIN OPENSSH PRIVATE KEY-----\n${SECRETS.sshPrivateKeyBody}\n-----END OPENSSH PRIVATE KEY-----\n`, { mode: 0o600 });
  const pullSecret = join(dir, 'pull-secret.json');
  writeFileSync(pullSecret, JSON.stringify({ auths: { 'cloud.openshift.com': { auth: SECRETS.pullSecretAuth, email: 'tech@example.com' } } }));
  return { dir, kubeconfig, sshKey, pullSecret };
}

const at = (minute: number) => new Date(Date.parse('2026-11-28T08:00:00Z') + minute * 60_000).toISOString();

/** A clock the store reads, moved forward between entries so the timeline has a real order. */
export function steppingClock() {
  let minute = 0;
  return { now: () => Date.parse(at(minute)), step: (n = 1) => (minute += n) };
}

const CLUSTER_ID = '0b1c5f5e-5a7e-4c1e-9f3e-2b2a1c0d9e8f';
const NODE = 'worker-1.sno1.example.com';
const MAC = '52:54:00:AA:BB:01';
const SHA = (c: string) => c.repeat(64);

/** A manual job taken to the end: worker.ign, static network, self-installing USB, CSRs auto-approved, node Ready, job done. */
export async function finishedManualJob(dataDir: string, files = secretFiles()): Promise<{ store: JobStore; job: Job; files: typeof files }> {
  const clock = steppingClock();
  const store = new JobStore(
    dataDir,
    clock,
    () => undefined,
    () => 'tech',
  );
  const job = await store.create('manual', 'worker-1 <b>Site A</b> & "rack 4"');
  clock.step();
  const cluster = {
    source: 'kubeconfig',
    kubeconfigPath: files.kubeconfig,
    context: 'admin',
    insecure: true,
    clusterId: CLUSTER_ID,
    apiServerUrl: 'https://api.sno1.example.com:6443',
    apiHost: 'api.sno1.example.com',
    version: '4.18.12',
    architecture: 'amd64',
    platform: 'None',
    connectedAt: at(1),
    worker: { nodeName: NODE, addresses: ['10.1.101.50'], since: at(2) },
  };
  await store.update(job.id, { data: { cluster } });
  await store.appendAudit(job.id, {
    action: 'cluster.connect',
    summary: `Connected to cluster ${CLUSTER_ID} (api.sno1.example.com, OpenShift 4.18.12) with context admin (TLS verification OFF)`,
    details: { clusterId: CLUSTER_ID, insecure: true, overrides: [{ code: 'tlsVerifySkipped' }] },
  });
  clock.step();
  const checks = [
    { id: 'dns-api', group: 'dns', status: 'pass', key: 'dnsOk', params: { name: 'api.sno1.example.com', addresses: '10.1.101.10', ip: '' } },
    { id: 'clock', group: 'clock', status: 'warn', key: 'clockSkew', params: { seconds: 42 }, fixKey: 'clockSkew' },
  ];
  await store.appendAudit(job.id, { action: 'cluster.preflight', summary: 'Pre-flight checks: 1 pass, 1 warn', details: { online: true, checks } });
  clock.step();
  await store.appendAudit(job.id, {
    action: 'artifact.used',
    summary: 'Uses rhcos-iso rhcos-live.x86_64.iso',
    details: {
      id: 'rhcos-iso/rhcos-live.x86_64.iso',
      kind: 'rhcos-iso',
      name: 'rhcos-live.x86_64.iso',
      sha256: SHA('a'),
      checkedAgainstPublished: true,
      source: 'https://mirror.openshift.com/pub/openshift-v4/x86_64/dependencies/rhcos/4.18/rhcos-live.x86_64.iso',
    },
  });
  const network = {
    interfaces: [
      {
        name: 'ens3',
        type: 'ethernet',
        macAddress: MAC,
        ipv4: { mode: 'static', addresses: [{ ip: '10.1.101.50', prefixLength: 24 }], gateway: '10.1.101.1' },
        ipv6: { mode: 'disabled', addresses: [] },
      },
    ],
    dns: { servers: ['10.1.101.1'], search: ['sno1.example.com'] },
    routes: [],
  };
  const manual = {
    hostname: NODE,
    network,
    delivery: 'served',
    installDevice: '/dev/disk/by-id/nvme-Samsung_SSD_980_S1',
    workerIgn: {
      source: 'cluster',
      origin: 'openshift-machine-api/worker-user-data-managed',
      version: '3.2.0',
      mergeSources: [],
      caCount: 1,
      ca: [],
      sha512: 'b'.repeat(128),
      size: 1700,
      loadedAt: at(4),
    },
    generated: {
      files: [{ name: 'new-worker.ign', purpose: 'manual.files.nodeIgn', size: 900, sha512: 'c'.repeat(128), served: true }],
      nodeIgnitionUrl: 'http://10.1.101.10:8080/new-worker.ign',
      generatedAt: at(5),
    },
  };
  await store.update(job.id, { data: { manual, terminal: { ssh: { host: '10.1.101.50', user: 'core', port: 22, keyPath: files.sshKey } } } });
  await store.appendAudit(job.id, {
    action: 'manual.generate',
    summary: `Generated 6 files for ${NODE}`,
    details: { files: ['new-worker.ign'], overrides: [{ code: 'networkWarning', params: { key: 'manual.issues.noDnsServers', path: 'dns.servers' } }] },
  });
  clock.step();
  const build = {
    at: at(6),
    sourcePath: '/cache/rhcos-iso/rhcos-live.x86_64.iso',
    sourceSha256: SHA('a'),
    outputPath: '/cache/custom-iso/rhcos-live-custom.iso',
    outputSha256: SHA('d'),
    mode: 'copy',
    destDevice: '/dev/disk/by-id/nvme-Samsung_SSD_980_S1',
    afterInstall: 'poweroff',
    keyfiles: ['ens3.nmconnection'],
  };
  await store.update(job.id, { data: { iso: { builds: [build] } } });
  await store.appendAudit(job.id, { action: 'iso.customize', summary: 'Self-installing ISO built', details: { ...build, overrides: [] } });
  clock.step();
  const write = {
    at: at(7),
    state: 'done',
    device: '/dev/sdb',
    byId: '/dev/disk/by-id/usb-SanDisk_Ultra_4C53-0:0',
    driveName: 'SanDisk Ultra',
    driveSize: 32e9,
    imagePath: build.outputPath,
    imageName: 'rhcos-live-custom.iso',
    sha256: SHA('d'),
    readBackSha256: SHA('d'),
    matchedExpected: true,
    verified: true,
  };
  await store.update(job.id, { data: { usb: { writes: [write] } } });
  await store.appendAudit(job.id, { action: 'usb.write', summary: 'USB write done: rhcos-live-custom.iso -> SanDisk Ultra', details: write });
  clock.step(30);
  const csrChecks = [
    { id: 'commonName', outcome: 'ok', params: { cn: `system:node:${NODE}` } },
    { id: 'requestor', outcome: 'ok' },
    { id: 'ipExpected', outcome: 'warn' },
  ];
  await store.appendAudit(job.id, {
    actor: 'auto',
    action: 'csr.approve',
    summary: 'Approved client CSR csr-abc12',
    details: {
      csr: 'csr-abc12',
      kind: 'client',
      subject: `O=system:nodes, CN=system:node:${NODE}`,
      dnsNames: [],
      ipAddresses: [],
      checks: csrChecks,
      verdict: 'approve',
      mode: 'auto',
      overrides: [{ code: 'csrCheckWarning', params: { csr: 'csr-abc12', check: 'ipExpected' } }],
    },
  });
  clock.step();
  await store.appendAudit(job.id, {
    actor: 'auto',
    action: 'csr.approve',
    summary: 'Approved serving CSR csr-def34',
    details: {
      csr: 'csr-def34',
      kind: 'serving',
      subject: `O=system:nodes, CN=system:node:${NODE}`,
      dnsNames: [NODE],
      ipAddresses: ['10.1.101.50'],
      checks: [{ id: 'ipSans', outcome: 'ok', params: { ips: '10.1.101.50', node: NODE } }],
      verdict: 'approve',
      mode: 'auto',
    },
  });
  clock.step();
  await store.update(job.id, { data: { cluster: { ...cluster, join: { nodeReadyAt: at(40), servingApprovedAt: at(40), completedAt: at(40) } } } });
  await store.appendAudit(job.id, {
    action: 'cluster.nodeReady',
    summary: `Node ${NODE} is Ready`,
    details: {
      node: NODE,
      version: 'v1.31.6',
      addresses: [
        { type: 'InternalIP', address: '10.1.101.50' },
        { type: 'Hostname', address: NODE },
      ],
    },
  });
  const done = await store.update(job.id, { status: 'done' });
  return { store, job: done, files };
}

/** An Assisted Installer job left at "installing": discovery settings with a pull secret file, an SSH key and a proxy with a password. */
export async function assistedJobInProgress(dataDir: string, files = secretFiles()): Promise<{ store: JobStore; job: Job }> {
  const clock = steppingClock();
  const store = new JobStore(
    dataDir,
    clock,
    () => undefined,
    () => 'tech',
  );
  const job = await store.create('assisted', 'worker-2 Site B');
  clock.step();
  const assisted = {
    cluster: { openshiftClusterId: CLUSTER_ID, apiHost: 'api.sno1.example.com', name: 'sno1', baseDomain: 'example.com', version: '4.18.12', source: 'manual' },
    clusterId: '7d1c0f40-0000-4000-8000-000000000001',
    infraEnv: {
      id: 'e3b9d0aa-0000-4000-8000-000000000002',
      name: 'sno1-day2-x86_64',
      imageType: 'full-iso',
      pullSecretPath: files.pullSecret,
      pullSecretRegistries: ['cloud.openshift.com'],
      sshPublicKey: SSH_PUBLIC_KEY,
      httpProxy: `http://tech:${SECRETS.proxyPassword}@proxy.example.com:3128`,
      ntpSources: 'ntp1.example.com,ntp2.example.com',
      staticNetwork: false,
      createdAt: at(1),
    },
    iso: { path: '/cache/discovery-iso/discovery_image_sno1_full-iso.iso', size: 1e9, sha256: SHA('e'), imageType: 'full-iso', downloadedAt: at(2) },
    hosts: { h1: { name: 'worker-2', status: 'installing-in-progress', updatedAt: at(3) } },
    selectedHostId: 'h1',
  };
  await store.update(job.id, {
    data: {
      assisted,
      cluster: { source: 'manual', clusterId: CLUSTER_ID, apiServerUrl: 'https://api.sno1.example.com:6443', apiHost: 'api.sno1.example.com', version: '4.18.12', connectedAt: at(1) },
    },
  });
  await store.appendAudit(job.id, { action: 'assisted.isoDownloaded', summary: 'Discovery ISO saved', details: { path: assisted.iso.path, sha256: assisted.iso.sha256 } });
  clock.step();
  await store.appendAudit(job.id, {
    action: 'assisted.install',
    summary: 'Installation started on host h1 (worker-2)',
    details: {
      hostId: 'h1',
      host: {
        name: 'worker-2',
        macs: ['52:54:00:cc:dd:02', '52:54:00:cc:dd:03'],
        ips: ['10.1.102.60/24'],
        serial: 'SN-7X21-0042',
        vendor: 'Dell Inc.',
        model: 'PowerEdge R650',
        installationDiskPath: '/dev/disk/by-id/wwn-0x5000c500a1b2c3d4',
        bmcAddress: '10.1.102.5',
        interfaces: [
          { name: 'eno1', mac: '52:54:00:cc:dd:02' },
          { name: 'eno2', mac: '52:54:00:cc:dd:03' },
        ],
      },
    },
  });
  return { store, job: await store.get(job.id) };
}
