import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './http-util';
import { CLI_DOWNLOADS_PATH, cliDownloadsTable } from './kube-api-console';
import { discoveryDoc } from './kube-api-discovery';
import { parseJson, sendJson, status, wantsTable } from './kube-api-http';
import type { CsrApproval } from './kube-api-approval';
import type { KubeStore } from './kube-api-store';
import { humanAge, objectTable, table } from './kube-api-tables';
import type { Obj, SimRequest } from './kube-api-types';
import { listOrWatch } from './kube-api-watch';

const CSR_PATH = '/apis/certificates.k8s.io/v1/certificatesigningrequests';

export interface RouterDeps {
  store: KubeStore;
  approval: CsrApproval;
  requests: SimRequest[];
  token: string;
  /** The server's own https://127.0.0.1:<port>, known once it listens */
  url: () => string;
}

interface Call {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  query: URLSearchParams;
}

type Route = (d: RouterDeps, c: Call) => Promise<boolean> | boolean;

/** Every request: bearer-token auth, request log, then the first route that answers. */
export function createRouter(deps: RouterDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const routes: Route[] = [discovery, csrRoutes, nodeRoutes, namespacedRoutes, configRoutes, consoleRoutes, versionRoute];
  return async (req, res) => {
    const parsed = new URL(req.url ?? '/', 'https://x');
    const call: Call = { req, res, method: req.method ?? 'GET', path: parsed.pathname.replace(/\/+$/, '') || '/', query: parsed.searchParams };
    res.on('finish', () =>
      call.query.get('watch') === 'true'
        ? undefined
        : deps.requests.push({
            method: req.method ?? '',
            path: call.path,
            query: parsed.search,
            accept: String(req.headers.accept ?? ''),
            userAgent: String(req.headers['user-agent'] ?? ''),
            status: res.statusCode,
          }),
    );
    const auth = /^Bearer (\S+)$/.exec(String(req.headers.authorization ?? ''));
    if (!auth || auth[1] !== deps.token) return status(res, 401, 'Unauthorized', 'Unauthorized');
    for (const route of routes) if (await route(deps, call)) return;
    status(res, 404, 'NotFound', 'the server could not find the requested resource');
  };
}

function discovery(d: RouterDeps, c: Call): boolean {
  const doc = c.method === 'GET' ? discoveryDoc(c.path, d.url()) : undefined;
  if (doc) sendJson(c.res, 200, doc);
  return Boolean(doc);
}

/** Answers a GET of one object: JSON, or a one-row Table for kubectl. */
function sendOne(c: Call, kind: 'csr' | 'node', found: Obj | undefined, notFound: string): void {
  if (found && wantsTable(c.req)) return sendJson(c.res, 200, table(kind, [found], true, found.metadata.resourceVersion));
  if (found) return sendJson(c.res, 200, found);
  status(c.res, 404, 'NotFound', notFound);
}

async function csrRoutes(d: RouterDeps, c: Call): Promise<boolean> {
  if (c.path === CSR_PATH && c.method === 'GET') {
    listOrWatch(d.store, d.requests, 'csr', c.req, c.res, c.query);
    return true;
  }
  if (c.path === CSR_PATH && c.method === 'POST') {
    const body = parseJson(await readBody(c.req));
    if (!body?.spec?.request) status(c.res, 422, 'Invalid', 'spec.request: Required value');
    else sendJson(c.res, 201, d.store.addCsr(body, { username: 'kube:admin', groups: ['system:cluster-admins', 'system:authenticated'] }));
    return true;
  }
  const m = new RegExp(`^${CSR_PATH}/([^/]+)(/approval|/status)?$`).exec(c.path);
  if (!m) return false;
  const name = decodeURIComponent(m[1]!);
  if (c.method === 'GET' && !m[2]) sendOne(c, 'csr', d.store.csrs.get(name), `certificatesigningrequests.certificates.k8s.io "${name}" not found`);
  else if (c.method === 'PUT' && m[2] === '/approval') d.approval.approve(name, parseJson(await readBody(c.req)), c.res);
  else status(c.res, 405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
  return true;
}

function nodeRoutes(d: RouterDeps, c: Call): boolean {
  if (c.method !== 'GET') return false;
  if (c.path === '/api/v1/nodes') {
    listOrWatch(d.store, d.requests, 'node', c.req, c.res, c.query);
    return true;
  }
  const m = /^\/api\/v1\/nodes\/([^/]+)$/.exec(c.path);
  if (!m) return false;
  sendOne(c, 'node', d.store.nodes.get(decodeURIComponent(m[1]!)), `nodes "${m[1]}" not found`);
  return true;
}

/** ConfigMaps and Secrets: one (GET …/namespaces/<ns>/<kind>/<name>) or a namespace's list. */
function namespacedRoutes(d: RouterDeps, c: Call): boolean {
  const m = /^\/api\/v1\/namespaces\/([^/]+)\/(configmaps|secrets)(?:\/([^/]+))?$/.exec(c.path);
  if (!m || c.method !== 'GET') return false;
  const [, namespace, resource, name] = m;
  const kind = resource === 'configmaps' ? 'configmap' : 'secret';
  const store = kind === 'configmap' ? d.store.configMaps : d.store.secrets;
  const items = name ? [store.get(`${namespace}/${name}`)].filter((o): o is Obj => o !== undefined) : [...store.values()].filter((o) => o.metadata.namespace === namespace);
  if (name && !items.length) status(c.res, 404, 'NotFound', `${resource} "${name}" not found`);
  else if (wantsTable(c.req)) sendJson(c.res, 200, objectTable(kind, items, String(d.store.rv)));
  else if (name) sendJson(c.res, 200, items[0]);
  else sendJson(c.res, 200, { apiVersion: 'v1', kind: kind === 'configmap' ? 'ConfigMapList' : 'SecretList', metadata: { resourceVersion: String(d.store.rv) }, items });
  return true;
}

function configRoutes(d: RouterDeps, c: Call): boolean {
  if (c.method !== 'GET') return false;
  const cv = d.store.clusterVersion;
  if (c.path === '/apis/config.openshift.io/v1/clusterversions' || c.path === '/apis/config.openshift.io/v1/clusterversions/version') {
    if (wantsTable(c.req)) sendJson(c.res, 200, objectTable('clusterversion', [cv], cv.metadata.resourceVersion));
    else if (c.path.endsWith('/version')) sendJson(c.res, 200, cv);
    else sendJson(c.res, 200, { apiVersion: 'config.openshift.io/v1', kind: 'ClusterVersionList', metadata: { resourceVersion: String(d.store.rv) }, items: [cv] });
    return true;
  }
  if (c.path !== '/apis/config.openshift.io/v1/infrastructures/cluster') return false;
  const infra = d.store.seed.infrastructure ?? {};
  const host = new URL(d.url()).host;
  const platform = infra.platform ?? 'None';
  sendJson(c.res, 200, {
    apiVersion: 'config.openshift.io/v1',
    kind: 'Infrastructure',
    metadata: { name: 'cluster', resourceVersion: '1' },
    spec: { platformSpec: { type: platform } },
    status: {
      apiServerURL: infra.apiServerURL ?? `https://${host}`,
      apiServerInternalURL: infra.apiServerInternalURL ?? `https://${host}`,
      infrastructureName: infra.infrastructureName ?? 'sno-x7k2p',
      platform,
      platformStatus: { type: platform },
      controlPlaneTopology: 'SingleReplica',
      infrastructureTopology: 'SingleReplica',
    },
  });
  return true;
}

function consoleRoutes(d: RouterDeps, c: Call): boolean {
  if (c.method !== 'GET') return false;
  const store = d.store;
  if (c.path === CLI_DOWNLOADS_PATH) {
    const items = [...store.cliDownloads.values()].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    if (wantsTable(c.req)) sendJson(c.res, 200, cliDownloadsTable(items, String(store.rv), humanAge));
    else sendJson(c.res, 200, { apiVersion: 'console.openshift.io/v1', kind: 'ConsoleCLIDownloadList', metadata: { resourceVersion: String(store.rv) }, items });
    return true;
  }
  const m = new RegExp(`^${CLI_DOWNLOADS_PATH}/([^/]+)$`).exec(c.path);
  if (!m) return false;
  const found = store.cliDownloads.get(decodeURIComponent(m[1]!));
  if (found && wantsTable(c.req)) sendJson(c.res, 200, cliDownloadsTable([found], found.metadata.resourceVersion, humanAge));
  else if (found) sendJson(c.res, 200, found);
  else status(c.res, 404, 'NotFound', `consoleclidownloads.console.openshift.io "${m[1]}" not found`);
  return true;
}

function versionRoute(_d: RouterDeps, c: Call): boolean {
  if (c.path !== '/version' || c.method !== 'GET') return false;
  sendJson(c.res, 200, {
    major: '1',
    minor: '31',
    gitVersion: 'v1.31.6',
    gitCommit: 'simulated',
    gitTreeState: 'clean',
    buildDate: '2026-01-01T00:00:00Z',
    goVersion: 'go1.22',
    compiler: 'gc',
    platform: 'linux/amd64',
  });
  return true;
}
