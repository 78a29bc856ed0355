import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { readBody } from './http-util';
import { createTestCa, type TestCa } from './test-ca';
import { kubeletCsrObject, type KubeletKeyType } from './kubelet-csr';
import { CLI_DOWNLOADS_PATH, cliDownloadsTable, consoleDiscovery, storedCliDownload } from './kube-api-console';

/**
 * A local stand-in for the parts of a Kubernetes/OpenShift API server the field kit uses, faithful
 * enough for the real kubectl 1.20: TLS with a throw-away CA, bearer-token auth, discovery, CSRs
 * (list, get, streamed watch, the /approval subresource, server-side Table output for `kubectl get`),
 * nodes, configmaps, secrets, ClusterVersion, Infrastructure and the console's ConsoleCLIDownloads. Also the practice mode's cluster:
 * `simulateJoiningWorker` plays a kubelet that asks for its two certificates and turns Ready.
 */

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface KubeApiSimulatorSeed {
  configMaps?: { namespace: string; name: string; data: Record<string, string> }[];
  /** Plain strings; the simulator base64-encodes them like the API does */
  secrets?: { namespace: string; name: string; data: Record<string, string> }[];
  clusterVersion?: { clusterId?: string; version?: string; history?: string[]; image?: string };
  /** console.openshift.io/v1 ConsoleCLIDownload objects (see ocCliDownloadsObject) */
  consoleCliDownloads?: Obj[];
  infrastructure?: { apiServerURL?: string; apiServerInternalURL?: string; platform?: string; infrastructureName?: string };
  nodes?: SimNode[];
  csrs?: Obj[];
  /** Sign approved CSRs (status.certificate) like kube-controller-manager's signer; default true */
  autoSign?: boolean;
  token?: string;
}

export interface SimNode {
  name: string;
  roles?: string[];
  ready?: boolean;
  addresses?: { type: string; address: string }[];
  kubeletVersion?: string;
  architecture?: string;
}

export interface SimRequest {
  method: string;
  path: string;
  query: string;
  accept: string;
  userAgent: string;
  status: number;
}

export interface KubeApiSimulator {
  url: string;
  token: string;
  caPem: string;
  readonly requests: SimRequest[];
  writeKubeconfig(path: string, options?: { contextName?: string; token?: string; withoutCa?: boolean; insecure?: boolean }): void;
  addCsr(csr: Obj, requestor?: { username?: string; groups?: string[] }): Obj;
  getCsr(name: string): Obj | undefined;
  listCsrs(): Obj[];
  addNode(node: SimNode): Obj;
  setNodeReady(name: string, ready: boolean): void;
  getNode(name: string): Obj | undefined;
  /** The next n approval PUTs answer 409 Conflict (as when someone else changed the CSR meanwhile). */
  failNextApprovals(n: number): void;
  /** Plays a kubelet joining: client CSR → (approved) Node NotReady + serving CSR → (approved) Node Ready. */
  simulateJoiningWorker(options: { nodeName: string; address: string; keyType?: KubeletKeyType; readyDelayMs?: number }): Promise<{ stop(): void }>;
  close(): Promise<void>;
}

const CSR_PATH = '/apis/certificates.k8s.io/v1/certificatesigningrequests';

export async function startKubeApiSimulator(seed: KubeApiSimulatorSeed = {}): Promise<KubeApiSimulator> {
  const ca: TestCa = await createTestCa();
  const token = seed.token ?? `sha256~${randomBytes(24).toString('base64url')}`;
  const autoSign = seed.autoSign ?? true;
  let rv = 100;
  const nextRv = () => String(++rv);
  const requests: SimRequest[] = [];
  const csrs = new Map<string, Obj>();
  const nodes = new Map<string, Obj>();
  const configMaps = new Map<string, Obj>();
  const secrets = new Map<string, Obj>();
  const cliDownloads = new Map<string, Obj>();
  const history: { csr: WatchEvent[]; node: WatchEvent[] } = { csr: [], node: [] };
  const watchers: { kind: 'csr' | 'node'; send: (e: WatchEvent) => void }[] = [];
  const approvalHooks: ((csr: Obj) => void)[] = [];
  let conflicts = 0;
  let url = '';

  const clusterVersion: Obj = {
    apiVersion: 'config.openshift.io/v1',
    kind: 'ClusterVersion',
    metadata: { name: 'version', resourceVersion: nextRv(), creationTimestamp: new Date(Date.now() - 30 * 86_400_000).toISOString() },
    spec: { clusterID: seed.clusterVersion?.clusterId ?? randomUUID(), channel: 'stable-4.18' },
    status: {
      desired: {
        version: seed.clusterVersion?.version ?? '4.18.12',
        image: seed.clusterVersion?.image ?? 'quay.io/openshift-release-dev/ocp-release@sha256:0f7b5a6a1c4e3d2b9a8f7e6d5c4b3a29180706f5e4d3c2b1a09f8e7d6c5b4a39',
      },
      history: (seed.clusterVersion?.history ?? [seed.clusterVersion?.version ?? '4.18.12']).map((version, i) => ({
        state: i === 0 ? 'Completed' : 'Completed',
        version,
        startedTime: new Date(Date.now() - (30 - i) * 86_400_000).toISOString(),
      })),
    },
  };

  function emit(kind: 'csr' | 'node', type: WatchEvent['type'], object: Obj) {
    const event = { type, object: structuredClone(object), rv: Number(object.metadata.resourceVersion) };
    history[kind].push(event);
    if (history[kind].length > 500) history[kind].shift();
    for (const w of watchers) if (w.kind === kind) w.send(event);
  }

  function storeCsr(csr: Obj, type: 'ADDED' | 'MODIFIED') {
    csr.metadata.resourceVersion = nextRv();
    csrs.set(csr.metadata.name, csr);
    emit('csr', type, csr);
  }

  function storeNode(node: Obj, type: 'ADDED' | 'MODIFIED') {
    node.metadata.resourceVersion = nextRv();
    nodes.set(node.metadata.name, node);
    emit('node', type, node);
  }

  function addCsr(input: Obj, requestor: { username?: string; groups?: string[] } = {}): Obj {
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
    storeCsr(csr, 'ADDED');
    return csr;
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

  function addNode(n: SimNode): Obj {
    const node = nodeObject(n);
    storeNode(node, 'ADDED');
    return node;
  }

  for (const n of seed.nodes ?? []) addNode(n);
  for (const c of seed.csrs ?? []) addCsr(c);
  for (const cm of seed.configMaps ?? []) {
    configMaps.set(`${cm.namespace}/${cm.name}`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: cm.name, namespace: cm.namespace, resourceVersion: nextRv() }, data: cm.data });
  }
  for (const o of seed.consoleCliDownloads ?? []) cliDownloads.set(o.metadata.name, storedCliDownload(o, nextRv(), randomUUID()));
  for (const s of seed.secrets ?? []) {
    const data = Object.fromEntries(Object.entries(s.data).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
    secrets.set(`${s.namespace}/${s.name}`, { apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: { name: s.name, namespace: s.namespace, resourceVersion: nextRv() }, data });
  }

  async function approve(name: string, body: Obj | undefined, res: ServerResponse) {
    const current = csrs.get(name);
    if (!current) return status(res, 404, 'NotFound', `certificatesigningrequests.certificates.k8s.io "${name}" not found`);
    if (body?.metadata?.name && body.metadata.name !== name) return status(res, 400, 'BadRequest', 'the name of the object does not match the name on the URL');
    if (conflicts > 0 || (body?.metadata?.resourceVersion && body.metadata.resourceVersion !== current.metadata.resourceVersion)) {
      if (conflicts > 0) conflicts--;
      return status(res, 409, 'Conflict', `Operation cannot be fulfilled on certificatesigningrequests.certificates.k8s.io "${name}": the object has been modified; please apply your changes to the latest version and try again`);
    }
    const incoming: Obj[] = Array.isArray(body?.status?.conditions) ? body.status.conditions : [];
    const had = (t: string) => (current.status.conditions ?? []).some((c: Obj) => c.type === t);
    for (const c of incoming) {
      if (c.type !== 'Approved' && c.type !== 'Denied') continue;
      if (c.status !== 'True') return status(res, 422, 'Invalid', `status.conditions: Invalid value: "${c.status}": must be True`);
      if ((c.type === 'Approved' && had('Denied')) || (c.type === 'Denied' && had('Approved'))) {
        return status(res, 422, 'Invalid', 'status.conditions: Invalid value: Approved and Denied conditions are mutually exclusive');
      }
    }
    const kept = (current.status.conditions ?? []).filter((c: Obj) => c.type !== 'Approved' && c.type !== 'Denied');
    const now = new Date().toISOString();
    const next = incoming
      .filter((c) => c.type === 'Approved' || c.type === 'Denied')
      .map((c) => ({ type: c.type, status: c.status, reason: c.reason ?? '', message: c.message ?? '', lastUpdateTime: c.lastUpdateTime ?? now, lastTransitionTime: c.lastTransitionTime ?? now }));
    current.status.conditions = [...kept, ...next];
    storeCsr(current, 'MODIFIED');
    sendJson(res, 200, current);
    if (next.some((c) => c.type === 'Approved')) {
      for (const hook of approvalHooks) hook(current);
      if (autoSign) {
        const pem = Buffer.from(current.spec.request, 'base64').toString('utf8');
        ca.sign(pem)
          .then((cert) => {
            const latest = csrs.get(name);
            if (!latest || latest.status.certificate) return;
            latest.status.certificate = Buffer.from(cert).toString('base64');
            storeCsr(latest, 'MODIFIED');
          })
          .catch(() => {
            const latest = csrs.get(name);
            if (!latest) return;
            latest.status.conditions.push({ type: 'Failed', status: 'True', reason: 'SignerValidationFailure', message: 'the simulated signer could not sign this request', lastUpdateTime: now, lastTransitionTime: now });
            storeCsr(latest, 'MODIFIED');
          });
      }
    }
  }

  function listOrWatch(kind: 'csr' | 'node', req: IncomingMessage, res: ServerResponse, query: URLSearchParams) {
    const source = kind === 'csr' ? csrs : nodes;
    const filter = fieldFilter(query.get('fieldSelector'));
    const items = [...source.values()].filter(filter).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    const asTable = wantsTable(req);
    if (query.get('watch') === 'true' || query.get('watch') === '1') return watch(kind, req, res, query, filter, asTable);
    if (asTable) return sendJson(res, 200, table(kind, items, true, String(rv)));
    const listKind = kind === 'csr' ? 'CertificateSigningRequestList' : 'NodeList';
    sendJson(res, 200, { apiVersion: kind === 'csr' ? 'certificates.k8s.io/v1' : 'v1', kind: listKind, metadata: { resourceVersion: String(rv) }, items });
  }

  function watch(kind: 'csr' | 'node', req: IncomingMessage, res: ServerResponse, query: URLSearchParams, filter: (o: Obj) => boolean, asTable: boolean) {
    const from = query.get('resourceVersion');
    const timeout = Math.max(1, Math.min(Number(query.get('timeoutSeconds') ?? 1800) || 1800, 3600));
    res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked', 'cache-control': 'no-cache' });
    res.flushHeaders();
    // a watch never "finishes" while open, so it is logged when it starts
    requests.push({ method: 'GET', path: req.url?.split('?')[0] ?? '', query: `?${query}`, accept: String(req.headers.accept ?? ''), userAgent: String(req.headers['user-agent'] ?? ''), status: 200 });
    let first = true;
    const write = (e: { type: string; object: Obj }) => {
      const object = asTable && e.type !== 'ERROR' ? table(kind, [e.object], first, e.object.metadata.resourceVersion) : e.object;
      first = false;
      res.write(`${JSON.stringify({ type: e.type, object })}\n`);
    };
    const events = history[kind];
    if (!from || from === '0') {
      for (const o of [...(kind === 'csr' ? csrs : nodes).values()].filter(filter)) write({ type: 'ADDED', object: o });
    } else {
      const start = Number(from);
      const oldest = events[0]?.rv ?? rv;
      if (start < oldest - 1) {
        write({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${start} (${oldest})`, reason: 'Expired', code: 410 } });
        res.end();
        return;
      }
      for (const e of events) if (e.rv > start && filter(e.object)) write(e);
    }
    const watcher = { kind, send: (e: WatchEvent) => filter(e.object) && write(e) };
    watchers.push(watcher);
    const stop = () => {
      clearTimeout(timer);
      const i = watchers.indexOf(watcher);
      if (i >= 0) watchers.splice(i, 1);
      if (!res.writableEnded) res.end();
    };
    const timer = setTimeout(stop, timeout * 1000);
    req.on('close', stop);
    res.on('close', stop);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const parsed = new URL(req.url ?? '/', 'https://x');
    const path = parsed.pathname.replace(/\/+$/, '') || '/';
    const query = parsed.searchParams;
    res.on('finish', () =>
      query.get('watch') === 'true' ? undefined : requests.push({ method: req.method ?? '', path, query: parsed.search, accept: String(req.headers.accept ?? ''), userAgent: String(req.headers['user-agent'] ?? ''), status: res.statusCode }),
    );
    const auth = /^Bearer (\S+)$/.exec(String(req.headers.authorization ?? ''));
    if (!auth || auth[1] !== token) return status(res, 401, 'Unauthorized', 'Unauthorized');
    const method = req.method ?? 'GET';

    if (method === 'GET') {
      const discovery = discoveryDoc(path, url);
      if (discovery) return sendJson(res, 200, discovery);
    }
    if (path === CSR_PATH && method === 'GET') return listOrWatch('csr', req, res, query);
    if (path === CSR_PATH && method === 'POST') {
      const body = parseJson(await readBody(req));
      if (!body?.spec?.request) return status(res, 422, 'Invalid', 'spec.request: Required value');
      return sendJson(res, 201, addCsr(body, { username: 'kube:admin', groups: ['system:cluster-admins', 'system:authenticated'] }));
    }
    let m = new RegExp(`^${CSR_PATH}/([^/]+)(/approval|/status)?$`).exec(path);
    if (m) {
      const name = decodeURIComponent(m[1]!);
      if (method === 'GET' && !m[2]) {
        const csr = csrs.get(name);
        if (csr && wantsTable(req)) return sendJson(res, 200, table('csr', [csr], true, csr.metadata.resourceVersion));
        return csr ? sendJson(res, 200, csr) : status(res, 404, 'NotFound', `certificatesigningrequests.certificates.k8s.io "${name}" not found`);
      }
      if (method === 'PUT' && m[2] === '/approval') return approve(name, parseJson(await readBody(req)), res);
      return status(res, 405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
    }
    if (path === '/api/v1/nodes' && method === 'GET') return listOrWatch('node', req, res, query);
    m = /^\/api\/v1\/nodes\/([^/]+)$/.exec(path);
    if (m && method === 'GET') {
      const node = nodes.get(decodeURIComponent(m[1]!));
      if (node && wantsTable(req)) return sendJson(res, 200, table('node', [node], true, node.metadata.resourceVersion));
      return node ? sendJson(res, 200, node) : status(res, 404, 'NotFound', `nodes "${m[1]}" not found`);
    }
    m = /^\/api\/v1\/namespaces\/([^/]+)\/(configmaps|secrets)\/([^/]+)$/.exec(path);
    if (m && method === 'GET') {
      const store = m[2] === 'configmaps' ? configMaps : secrets;
      const found = store.get(`${m[1]}/${m[3]}`);
      return found ? sendJson(res, 200, found) : status(res, 404, 'NotFound', `${m[2]} "${m[3]}" not found`);
    }
    if (path === '/apis/config.openshift.io/v1/clusterversions/version' && method === 'GET') return sendJson(res, 200, clusterVersion);
    if (path === CLI_DOWNLOADS_PATH && method === 'GET') {
      const items = [...cliDownloads.values()].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
      if (wantsTable(req)) return sendJson(res, 200, cliDownloadsTable(items, String(rv), humanAge));
      return sendJson(res, 200, { apiVersion: 'console.openshift.io/v1', kind: 'ConsoleCLIDownloadList', metadata: { resourceVersion: String(rv) }, items });
    }
    m = new RegExp(`^${CLI_DOWNLOADS_PATH}/([^/]+)$`).exec(path);
    if (m && method === 'GET') {
      const found = cliDownloads.get(decodeURIComponent(m[1]!));
      if (found && wantsTable(req)) return sendJson(res, 200, cliDownloadsTable([found], found.metadata.resourceVersion, humanAge));
      return found ? sendJson(res, 200, found) : status(res, 404, 'NotFound', `consoleclidownloads.console.openshift.io "${m[1]}" not found`);
    }
    if (path === '/apis/config.openshift.io/v1/infrastructures/cluster' && method === 'GET') {
      const host = new URL(url).host;
      return sendJson(res, 200, {
        apiVersion: 'config.openshift.io/v1',
        kind: 'Infrastructure',
        metadata: { name: 'cluster', resourceVersion: '1' },
        spec: { platformSpec: { type: seed.infrastructure?.platform ?? 'None' } },
        status: {
          apiServerURL: seed.infrastructure?.apiServerURL ?? `https://${host}`,
          apiServerInternalURL: seed.infrastructure?.apiServerInternalURL ?? `https://${host}`,
          infrastructureName: seed.infrastructure?.infrastructureName ?? 'sno-x7k2p',
          platform: seed.infrastructure?.platform ?? 'None',
          platformStatus: { type: seed.infrastructure?.platform ?? 'None' },
          controlPlaneTopology: 'SingleReplica',
          infrastructureTopology: 'SingleReplica',
        },
      });
    }
    if (path === '/version' && method === 'GET') {
      return sendJson(res, 200, { major: '1', minor: '31', gitVersion: 'v1.31.6', gitCommit: 'simulated', gitTreeState: 'clean', buildDate: '2026-01-01T00:00:00Z', goVersion: 'go1.22', compiler: 'gc', platform: 'linux/amd64' });
    }
    return status(res, 404, 'NotFound', 'the server could not find the requested resource');
  }

  const server: Server = createServer({ cert: ca.serverCertPem, key: ca.serverKeyPem }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) status(res, 500, 'InternalError', String(err));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    token,
    caPem: ca.caPem,
    requests,
    writeKubeconfig(path, options = {}) {
      const contextName = options.contextName ?? 'admin';
      const config = {
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          {
            name: 'sno-simulated',
            cluster: {
              server: url,
              ...(options.withoutCa ? {} : { 'certificate-authority-data': Buffer.from(ca.caPem).toString('base64') }),
              ...(options.insecure ? { 'insecure-skip-tls-verify': true } : {}),
            },
          },
        ],
        users: [{ name: 'admin', user: { token: options.token ?? token } }],
        contexts: [{ name: contextName, context: { cluster: 'sno-simulated', user: 'admin' } }],
        'current-context': contextName,
      };
      writeFileSync(path, stringify(config), { mode: 0o600 });
    },
    addCsr,
    getCsr: (name) => (csrs.has(name) ? structuredClone(csrs.get(name)) : undefined),
    listCsrs: () => [...csrs.values()].map((c) => structuredClone(c)),
    addNode,
    getNode: (name) => (nodes.has(name) ? structuredClone(nodes.get(name)) : undefined),
    setNodeReady(name, ready) {
      const node = nodes.get(name);
      if (!node) throw new Error(`no node ${name}`);
      node.status.conditions = [readyCondition(ready)];
      storeNode(node, 'MODIFIED');
    },
    failNextApprovals(n) {
      conflicts = n;
    },
    simulateJoiningWorker: async ({ nodeName, address, keyType, readyDelayMs = 500 }) => {
      let stopped = false;
      const timers: NodeJS.Timeout[] = [];
      const client = addCsr(await kubeletCsrObject('client', nodeName, { keyType }));
      const servingPromise = kubeletCsrObject('serving', nodeName, { addresses: [address], keyType });
      const hook = (csr: Obj) => {
        if (stopped) return;
        if (csr.metadata.name === client.metadata.name && !nodes.has(nodeName)) {
          addNode({ name: nodeName, roles: ['worker'], ready: false, addresses: [{ type: 'InternalIP', address }, { type: 'Hostname', address: nodeName }] });
          void servingPromise.then((serving) => !stopped && addCsr(serving));
        } else if (csr.spec.signerName === 'kubernetes.io/kubelet-serving' && csr.spec.username === `system:node:${nodeName}`) {
          timers.push(
            setTimeout(() => {
              const node = nodes.get(nodeName);
              if (stopped || !node) return;
              node.status.conditions = [readyCondition(true)];
              storeNode(node, 'MODIFIED');
            }, readyDelayMs),
          );
        }
      };
      approvalHooks.push(hook);
      return {
        stop() {
          stopped = true;
          timers.forEach(clearTimeout);
          const i = approvalHooks.indexOf(hook);
          if (i >= 0) approvalHooks.splice(i, 1);
        },
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const w of [...watchers]) w.send = () => {};
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: Obj;
  rv: number;
}

function wantsTable(req: IncomingMessage): boolean {
  return /as=Table/.test(String(req.headers.accept ?? ''));
}

function readyCondition(ready: boolean): Obj {
  const now = new Date().toISOString();
  return ready
    ? { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now }
    : { type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: 'container runtime network not ready: NetworkReady=false', lastHeartbeatTime: now, lastTransitionTime: now };
}

function fieldFilter(selector: string | null): (o: Obj) => boolean {
  if (!selector) return () => true;
  const rules = selector.split(',').map((part) => {
    const [key, value] = part.split(/!?==?/);
    const negate = part.includes('!=');
    return { path: (key ?? '').split('.'), value: value ?? '', negate };
  });
  return (o) =>
    rules.every((r) => {
      const actual = r.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Obj)[k] : undefined), o);
      return r.negate ? String(actual ?? '') !== r.value : String(actual ?? '') === r.value;
    });
}

function table(kind: 'csr' | 'node', items: Obj[], withColumns: boolean, resourceVersion: string): Obj {
  const col = (name: string, type: string, description: string, format = '') => ({ name, type, format, description, priority: 0 });
  const columns =
    kind === 'csr'
      ? [
          col('Name', 'string', 'Name must be unique within a namespace.', 'name'),
          col('Age', 'date', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
          col('SignerName', 'string', 'Only one signer for each CSR.'),
          col('Requestor', 'string', 'Name of the user that submitted the request.'),
          col('Condition', 'string', 'The current condition of the request.'),
        ]
      : [
          col('Name', 'string', 'Name must be unique within a namespace.', 'name'),
          col('Status', 'string', 'The status of the node'),
          col('Roles', 'string', 'The roles of the node'),
          col('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
          col('Version', 'string', 'Kubelet Version reported by the node.'),
        ];
  const rows = items.map((o) => {
    const age = humanAge(o.metadata.creationTimestamp);
    const cells =
      kind === 'csr'
        ? [o.metadata.name, age, o.spec.signerName ?? '', o.spec.username ?? '', csrCondition(o)]
        : [o.metadata.name, nodeStatus(o), nodeRoles(o), age, o.status?.nodeInfo?.kubeletVersion ?? ''];
    return { cells, object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata } };
  });
  return { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion }, ...(withColumns ? { columnDefinitions: columns } : { columnDefinitions: [] }), rows };
}

/** The CONDITION column of `kubectl get csr`: conditions joined by ",", Pending when none. */
function csrCondition(o: Obj): string {
  const conds: string[] = (o.status?.conditions ?? []).map((c: Obj) => c.type);
  let text = conds.length ? conds.join(',') : 'Pending';
  if (conds.includes('Approved') && o.status?.certificate) text += ',Issued';
  return text;
}

function nodeStatus(o: Obj): string {
  const ready = (o.status?.conditions ?? []).find((c: Obj) => c.type === 'Ready');
  return ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown';
}

function nodeRoles(o: Obj): string {
  const roles = Object.keys(o.metadata.labels ?? {})
    .filter((l) => l.startsWith('node-role.kubernetes.io/'))
    .map((l) => l.slice('node-role.kubernetes.io/'.length))
    .sort();
  return roles.length ? roles.join(',') : '<none>';
}

function humanAge(iso: string): string {
  const s = Math.max(0, Math.floor((Date.now() - Date.parse(iso)) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

function discoveryDoc(path: string, url: string): Obj | undefined {
  const resource = (name: string, singularName: string, kind: string, namespaced: boolean, verbs: string[], shortNames?: string[]) => ({
    name,
    singularName,
    namespaced,
    kind,
    verbs,
    ...(shortNames ? { shortNames } : {}),
  });
  switch (path) {
    case '/api':
      return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: new URL(url).host }] };
    case '/apis':
      return {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: ['certificates.k8s.io', 'config.openshift.io', 'console.openshift.io'].map((name) => ({
          name,
          versions: [{ groupVersion: `${name}/v1`, version: 'v1' }],
          preferredVersion: { groupVersion: `${name}/v1`, version: 'v1' },
        })),
      };
    case '/api/v1':
      return {
        kind: 'APIResourceList',
        groupVersion: 'v1',
        resources: [
          resource('configmaps', '', 'ConfigMap', true, ['get', 'list'], ['cm']),
          resource('nodes', '', 'Node', false, ['get', 'list', 'watch'], ['no']),
          resource('nodes/status', '', 'Node', false, ['get']),
          resource('secrets', '', 'Secret', true, ['get', 'list']),
        ],
      };
    case '/apis/certificates.k8s.io/v1':
      return {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: 'certificates.k8s.io/v1',
        resources: [
          resource('certificatesigningrequests', '', 'CertificateSigningRequest', false, ['create', 'get', 'list', 'watch'], ['csr']),
          resource('certificatesigningrequests/approval', '', 'CertificateSigningRequest', false, ['get', 'update']),
          resource('certificatesigningrequests/status', '', 'CertificateSigningRequest', false, ['get', 'update']),
        ],
      };
    case '/apis/config.openshift.io/v1':
      return {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: 'config.openshift.io/v1',
        resources: [
          resource('clusterversions', '', 'ClusterVersion', false, ['get', 'list']),
          resource('infrastructures', '', 'Infrastructure', false, ['get', 'list']),
        ],
      };
    case '/apis/console.openshift.io/v1':
      return consoleDiscovery;
    default:
      return undefined;
  }
}

function status(res: ServerResponse, code: number, reason: string, message: string): void {
  sendJson(res, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
}

function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-cache, private' });
  res.end(text);
}

function parseJson(text: string): Obj | undefined {
  try {
    return JSON.parse(text) as Obj;
  } catch {
    return undefined;
  }
}
