import { randomBytes, randomUUID } from 'node:crypto';
import { storedCliDownload } from './kube-api-console';
import type { CsrRequestor, KubeApiSimulatorSeed, Obj, SimNode, WatchEvent, WatchKind } from './kube-api-types';

const DEFAULT_VERSION = '4.18.12';
const DEFAULT_IMAGE = 'quay.io/openshift-release-dev/ocp-release@sha256:0f7b5a6a1c4e3d2b9a8f7e6d5c4b3a29180706f5e4d3c2b1a09f8e7d6c5b4a39';

/**
 * The simulated API server's objects: one resourceVersion counter for all of them (as etcd's
 * revision), and a bounded event history per watched kind so a watch can resume from a version.
 */
export class KubeStore {
  rv = 100;
  readonly csrs = new Map<string, Obj>();
  readonly nodes = new Map<string, Obj>();
  readonly configMaps = new Map<string, Obj>();
  readonly secrets = new Map<string, Obj>();
  readonly cliDownloads = new Map<string, Obj>();
  readonly history: Record<WatchKind, WatchEvent[]> = { csr: [], node: [] };
  readonly watchers: { kind: WatchKind; send: (e: WatchEvent) => void }[] = [];
  readonly clusterVersion: Obj;

  constructor(readonly seed: KubeApiSimulatorSeed) {
    this.clusterVersion = clusterVersionObject(seed.clusterVersion ?? {}, this.nextRv());
    for (const n of seed.nodes ?? []) this.addNode(n);
    for (const c of seed.csrs ?? []) this.addCsr(c);
    for (const cm of seed.configMaps ?? []) this.setConfigMap(cm.namespace, cm.name, cm.data);
    for (const o of seed.consoleCliDownloads ?? []) this.cliDownloads.set(o.metadata.name, storedCliDownload(o, this.nextRv(), randomUUID()));
    for (const s of seed.secrets ?? []) this.setSecret(s.namespace, s.name, s.data);
  }

  nextRv(): string {
    return String(++this.rv);
  }

  emit(kind: WatchKind, type: WatchEvent['type'], object: Obj): void {
    const event = { type, object: structuredClone(object), rv: Number(object.metadata.resourceVersion) };
    this.history[kind].push(event);
    if (this.history[kind].length > 500) this.history[kind].shift();
    for (const w of this.watchers) if (w.kind === kind) w.send(event);
  }

  storeCsr(csr: Obj, type: 'ADDED' | 'MODIFIED'): void {
    csr.metadata.resourceVersion = this.nextRv();
    this.csrs.set(csr.metadata.name, csr);
    this.emit('csr', type, csr);
  }

  storeNode(node: Obj, type: 'ADDED' | 'MODIFIED'): void {
    node.metadata.resourceVersion = this.nextRv();
    this.nodes.set(node.metadata.name, node);
    this.emit('node', type, node);
  }

  addCsr(input: Obj, requestor: CsrRequestor = {}): Obj {
    const csr: Obj = structuredClone(input);
    csr.apiVersion = 'certificates.k8s.io/v1';
    csr.kind = 'CertificateSigningRequest';
    csr.metadata = { ...(csr.metadata ?? {}) };
    csr.metadata.name ??= `csr-${randomBytes(3).toString('hex')}`;
    csr.metadata.uid ??= randomUUID();
    csr.metadata.creationTimestamp ??= new Date().toISOString();
    csr.spec = { ...csr.spec };
    if (requestor.username) csr.spec.username = requestor.username;
    if (requestor.groups) csr.spec.groups = requestor.groups;
    csr.status ??= {};
    this.storeCsr(csr, 'ADDED');
    return csr;
  }

  addNode(n: SimNode): Obj {
    const node = nodeObject(n);
    this.storeNode(node, 'ADDED');
    return node;
  }

  setNodeReady(name: string, ready: boolean): void {
    const node = this.nodes.get(name);
    if (!node) throw new Error(`no node ${name}`);
    node.status.conditions = [readyCondition(ready)];
    this.storeNode(node, 'MODIFIED');
  }

  setConfigMap(namespace: string, name: string, data: Record<string, string>): void {
    this.configMaps.set(`${namespace}/${name}`, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace, resourceVersion: this.nextRv(), creationTimestamp: createdAt(this.configMaps.get(`${namespace}/${name}`)) },
      data: { ...data },
    });
  }

  setSecret(namespace: string, name: string, plain: Record<string, string>): void {
    const data = Object.fromEntries(Object.entries(plain).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
    this.secrets.set(`${namespace}/${name}`, {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: { name, namespace, resourceVersion: this.nextRv(), creationTimestamp: createdAt(this.secrets.get(`${namespace}/${name}`)) },
      data,
    });
  }

  /** An update as the cluster-version operator records it: the new desired version on top of the history. */
  setClusterVersion(version: string): void {
    const cv = this.clusterVersion;
    cv.metadata.resourceVersion = this.nextRv();
    cv.spec.channel = `stable-${version.split('.').slice(0, 2).join('.')}`;
    cv.status.desired = { ...cv.status.desired, version };
    cv.status.history = [{ state: 'Completed', version, startedTime: new Date().toISOString() }, ...cv.status.history.filter((h: Obj) => h.version !== version)];
    cv.status.conditions = versionConditions(version, new Date().toISOString());
  }
}

/** A replaced object keeps the time it was first created. */
function createdAt(previous: Obj | undefined): string {
  return previous?.metadata?.creationTimestamp ?? new Date().toISOString();
}

/** The cluster-version operator's conditions of a cluster that finished its last update. */
function versionConditions(version: string, since: string): Obj[] {
  return [
    { type: 'Available', status: 'True', lastTransitionTime: since, message: `Done applying ${version}` },
    { type: 'Failing', status: 'False', lastTransitionTime: since },
    { type: 'Progressing', status: 'False', lastTransitionTime: since, message: `Cluster version is ${version}` },
  ];
}

function clusterVersionObject(seed: NonNullable<KubeApiSimulatorSeed['clusterVersion']>, resourceVersion: string): Obj {
  const version = seed.version ?? DEFAULT_VERSION;
  const created = new Date(Date.now() - 30 * 86_400_000).toISOString();
  return {
    apiVersion: 'config.openshift.io/v1',
    kind: 'ClusterVersion',
    metadata: { name: 'version', resourceVersion, creationTimestamp: created },
    spec: { clusterID: seed.clusterId ?? randomUUID(), channel: 'stable-4.18' },
    status: {
      desired: { version, image: seed.image ?? DEFAULT_IMAGE },
      history: (seed.history ?? [version]).map((v, i) => ({ state: 'Completed', version: v, startedTime: new Date(Date.now() - (30 - i) * 86_400_000).toISOString() })),
      conditions: versionConditions(version, created),
    },
  };
}

function nodeObject(n: SimNode): Obj {
  const labels: Record<string, string> = { 'kubernetes.io/hostname': n.name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': n.architecture === 'aarch64' ? 'arm64' : 'amd64' };
  for (const role of n.roles ?? ['worker']) labels[`node-role.kubernetes.io/${role}`] = '';
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: n.name, uid: randomUUID(), creationTimestamp: new Date().toISOString(), labels },
    spec: {},
    status: {
      addresses: n.addresses ?? [],
      conditions: [readyCondition(n.ready ?? false)],
      nodeInfo: { kubeletVersion: n.kubeletVersion ?? 'v1.31.6', architecture: labels['kubernetes.io/arch'], operatingSystem: 'linux', osImage: 'Red Hat Enterprise Linux CoreOS' },
    },
  };
}

export function readyCondition(ready: boolean): Obj {
  const now = new Date().toISOString();
  return ready
    ? { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now }
    : { type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: 'container runtime network not ready: NetworkReady=false', lastHeartbeatTime: now, lastTransitionTime: now };
}
