import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { HttpMethod, RequestContext, type KubeConfig } from '@kubernetes/client-node';
import { fetch, type Response } from 'undici';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AppError } from '../../../shared/api/errors';
import type { CsrObject, NodeObject } from '../../../shared/csr/types';
import { appNetwork } from '../net/app-network';
import { classifyNetworkFailure } from '../net/classify';
import type { Network } from '../net/network';
import { dispatcherFor, routeThroughNetwork } from './kube-dispatch';
import { firstLine, loadKubeConfig } from './kubeconfig';
import { apiStatusError } from './kube-status';

export { kubeconfigCandidates, listKubeContexts, loadKubeConfig, type KubeconfigContexts } from './kubeconfig';

export interface KubeAccessOptions {
  kubeconfigPath?: string;
  context?: string;
  /** Only from an explicit, visible switch in the UI/CLI; never inferred. */
  insecureSkipTlsVerify?: boolean;
  /** Default: the app's network (proxy and trust as configured by the composition root) */
  network?: Network;
}

export interface ClusterIdentity {
  clusterId: string;
  version: string;
  apiServerUrl: string;
  apiHost: string;
  infrastructureName: string;
  platform: string;
  architecture?: string;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchOptions {
  resourceVersion?: string;
  timeoutSeconds?: number;
  fieldSelector?: string;
  signal?: AbortSignal;
}

export interface KubeAccess {
  readonly contextName: string;
  readonly server: string;
  /** The kubeconfig file(s) actually used */
  readonly source: string;
  readonly insecure: boolean;
  getConfigMap(namespace: string, name: string): Promise<Record<string, string>>;
  /** GET of any API path (read-only), e.g. /apis/console.openshift.io/v1/consoleclidownloads */
  getResource<T>(path: string): Promise<T>;
  /** base64-DECODED .data */
  getSecret(namespace: string, name: string): Promise<Record<string, string>>;
  identity(): Promise<ClusterIdentity>;
  listNodes(): Promise<{ items: NodeObject[]; resourceVersion: string }>;
  getNode(name: string): Promise<NodeObject | undefined>;
  listCsrs(fieldSelector?: string): Promise<{ items: CsrObject[]; resourceVersion: string }>;
  getCsr(name: string): Promise<CsrObject>;
  /**
   * PUT …/certificatesigningrequests/{name}/approval with the object as read plus an Approved
   * condition, like `oc adm certificate approve`. On 409 the CSR is re-read and `recheck` runs again
   * (it throws to abort, e.g. when the re-read CSR no longer passes), up to 10 tries like kubectl.
   * `current` is the CSR as the caller just read and judged it: the first try PUTs it without reading
   * again (its resourceVersion makes the server refuse it if it changed meanwhile).
   */
  approveCsr(name: string, condition: { reason: string; message: string }, recheck?: (csr: CsrObject) => void | Promise<void>, current?: CsrObject): Promise<CsrObject>;
  /** One watch request; resolves when the server ends the stream (timeoutSeconds) or the signal aborts. */
  watch<T>(resource: 'certificatesigningrequests' | 'nodes', options: WatchOptions, onEvent: (type: WatchEventType, object: T) => void): Promise<void>;
  /** The API server's clock (its Date header) and how long the request took, for the clock-skew check. */
  serverTime(): Promise<{ serverDate: number | undefined; sentAt: number; receivedAt: number }>;
}

const CSR_PATH = '/apis/certificates.k8s.io/v1/certificatesigningrequests';
const REQUEST_TIMEOUT_MS = 20_000;

export async function openKubeAccess(options: KubeAccessOptions): Promise<KubeAccess> {
  const { kc, source } = loadKubeConfig(options.kubeconfigPath);
  if (options.context) {
    if (!kc.getContextObject(options.context)) {
      throw new AppError('cluster.contextNotFound', {
        context: options.context,
        available: kc
          .getContexts()
          .map((c) => c.name)
          .join(', '),
      });
    }
    kc.setCurrentContext(options.context);
  }
  const contextName = kc.getCurrentContext();
  const context = kc.getContextObject(contextName);
  const cluster = context ? kc.getCluster(context.cluster) : null;
  if (!context || !cluster)
    throw new AppError('cluster.contextNotFound', {
      context: contextName || '-',
      available: kc
        .getContexts()
        .map((c) => c.name)
        .join(', '),
    });
  if (!/^https:\/\//i.test(cluster.server)) throw new AppError('cluster.notHttps', { server: cluster.server });
  // A kubeconfig that itself says insecure-skip-tls-verify is refused unless the technician turned the
  // visible switch on: TLS verification is never skipped silently.
  if (cluster.skipTLSVerify && !options.insecureSkipTlsVerify) throw new AppError('cluster.insecureKubeconfig', { context: contextName });
  if (options.insecureSkipTlsVerify) {
    kc.clusters = kc.clusters.map((c) => (c.name === cluster.name ? { ...c, skipTLSVerify: true } : c));
  }
  const server = cluster.server.replace(/\/+$/, '');
  routeThroughNetwork(kc, options.network ?? appNetwork());
  return new KubeAccessImpl(kc, contextName, server, source, options.insecureSkipTlsVerify === true);
}

class KubeAccessImpl implements KubeAccess {
  constructor(
    private readonly kc: KubeConfig,
    readonly contextName: string,
    readonly server: string,
    readonly source: string,
    readonly insecure: boolean,
  ) {}

  async getConfigMap(namespace: string, name: string): Promise<Record<string, string>> {
    const cm = await this.json<{ data?: Record<string, string> }>('GET', `/api/v1/namespaces/${enc(namespace)}/configmaps/${enc(name)}`);
    return cm.data ?? {};
  }

  getResource<T>(path: string): Promise<T> {
    return this.json<T>('GET', path);
  }

  async getSecret(namespace: string, name: string): Promise<Record<string, string>> {
    const secret = await this.json<{ data?: Record<string, string> }>('GET', `/api/v1/namespaces/${enc(namespace)}/secrets/${enc(name)}`);
    return Object.fromEntries(Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
  }

  async identity(): Promise<ClusterIdentity> {
    type CV = { spec?: { clusterID?: string }; status?: { desired?: { version?: string }; history?: { state?: string; version?: string }[] } };
    type Infra = { status?: { apiServerURL?: string; infrastructureName?: string; platform?: string; platformStatus?: { type?: string } } };
    const cv = await this.json<CV>('GET', '/apis/config.openshift.io/v1/clusterversions/version');
    const infra = await this.json<Infra>('GET', '/apis/config.openshift.io/v1/infrastructures/cluster');
    // The running version is the newest Completed history entry; during an upgrade desired is ahead.
    const completed = cv.status?.history?.find((h) => h.state === 'Completed')?.version;
    const version = completed ?? cv.status?.desired?.version ?? '';
    const apiServerUrl = infra.status?.apiServerURL ?? this.server;
    const nodes = await this.listNodes().catch(() => ({ items: [] as NodeObject[] }));
    const arch = nodes.items[0]?.status?.nodeInfo?.architecture;
    return {
      clusterId: cv.spec?.clusterID ?? '',
      version,
      apiServerUrl,
      apiHost: hostNameOf(apiServerUrl),
      infrastructureName: infra.status?.infrastructureName ?? '',
      platform: infra.status?.platformStatus?.type ?? infra.status?.platform ?? '',
      ...(arch ? { architecture: arch === 'amd64' ? 'x86_64' : arch === 'arm64' ? 'aarch64' : arch } : {}),
    };
  }

  async listNodes() {
    const list = await this.json<{ items?: NodeObject[]; metadata?: { resourceVersion?: string } }>('GET', '/api/v1/nodes');
    return { items: list.items ?? [], resourceVersion: list.metadata?.resourceVersion ?? '' };
  }

  async getNode(name: string): Promise<NodeObject | undefined> {
    try {
      return await this.json<NodeObject>('GET', `/api/v1/nodes/${enc(name)}`);
    } catch (err) {
      if (err instanceof AppError && err.code === 'cluster.notFound') return undefined;
      throw err;
    }
  }

  async listCsrs(fieldSelector?: string) {
    const query = fieldSelector ? `?fieldSelector=${encodeURIComponent(fieldSelector)}` : '';
    const list = await this.json<{ items?: CsrObject[]; metadata?: { resourceVersion?: string } }>('GET', `${CSR_PATH}${query}`);
    return { items: list.items ?? [], resourceVersion: list.metadata?.resourceVersion ?? '' };
  }

  getCsr(name: string): Promise<CsrObject> {
    return this.json<CsrObject>('GET', `${CSR_PATH}/${enc(name)}`);
  }

  async approveCsr(name: string, condition: { reason: string; message: string }, recheck?: (csr: CsrObject) => void | Promise<void>, current?: CsrObject): Promise<CsrObject> {
    for (let attempt = 1; ; attempt++) {
      const csr = attempt === 1 && current?.metadata.name === name ? current : await this.getCsr(name);
      const conditions = csr.status?.conditions ?? [];
      if (conditions.some((c) => c.type === 'Denied')) throw new AppError('cluster.csrDenied', { name });
      if (conditions.some((c) => c.type === 'Approved')) return csr;
      await recheck?.(csr);
      const body: CsrObject = {
        ...csr,
        status: {
          ...csr.status,
          conditions: [...conditions, { type: 'Approved', status: 'True', reason: condition.reason, message: condition.message, lastUpdateTime: new Date().toISOString() }],
        },
      };
      try {
        return await this.json<CsrObject>('PUT', `${CSR_PATH}/${enc(name)}/approval`, body);
      } catch (err) {
        if (err instanceof AppError && err.code === 'cluster.conflict' && attempt < 10) continue;
        throw err;
      }
    }
  }

  async watch<T>(resource: 'certificatesigningrequests' | 'nodes', options: WatchOptions, onEvent: (type: WatchEventType, object: T) => void): Promise<void> {
    const base = resource === 'nodes' ? '/api/v1/nodes' : CSR_PATH;
    const params = new URLSearchParams({ watch: 'true', allowWatchBookmarks: 'true' });
    if (options.resourceVersion) params.set('resourceVersion', options.resourceVersion);
    if (options.timeoutSeconds) params.set('timeoutSeconds', String(options.timeoutSeconds));
    if (options.fieldSelector) params.set('fieldSelector', options.fieldSelector);
    // A connection that dies silently (laptop sleeps, VPN drops) never ends the stream: give up a
    // little after the server should have closed it, and let the caller reconnect.
    const deadline = options.timeoutSeconds ? AbortSignal.timeout((options.timeoutSeconds + 30) * 1000) : undefined;
    const signal = options.signal && deadline ? AbortSignal.any([options.signal, deadline]) : (options.signal ?? deadline);
    const response = await this.send('GET', `${base}?${params}`, undefined, signal, false);
    if (!response.body) return;
    const input = Readable.fromWeb(response.body as WebReadableStream);
    const lines = createInterface({ input, crlfDelay: Infinity });
    try {
      for await (const line of lines) {
        if (!line.trim()) continue;
        let event: { type?: WatchEventType; object?: T };
        try {
          event = JSON.parse(line) as typeof event;
        } catch {
          continue; // a torn line at a disconnect; the next list/watch recovers
        }
        if (event.type && event.object) onEvent(event.type, event.object);
      }
    } catch (err) {
      if (options.signal?.aborted) return;
      throw classifyNetworkError(err, this.server);
    }
  }

  async serverTime() {
    const sentAt = Date.now();
    const response = await this.send('GET', '/version');
    const receivedAt = Date.now();
    await response.body?.cancel();
    const header = response.headers.get('date');
    return { serverDate: header ? Date.parse(header) : undefined, sentAt, receivedAt };
  }

  private async json<T>(method: 'GET' | 'PUT', path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, body);
    return (await response.json()) as T;
  }

  private async send(method: 'GET' | 'PUT', path: string, body?: unknown, signal?: AbortSignal, timeout = true): Promise<Response> {
    const ctx = new RequestContext(`${this.server}${path}`, method === 'GET' ? HttpMethod.GET : HttpMethod.PUT);
    try {
      await this.kc.applySecurityAuthentication(ctx);
    } catch (err) {
      // exec plugins and auth providers fail here (missing `oc`, expired login)
      throw new AppError('cluster.credentialsFailed', { context: this.contextName, reason: firstLine(err) });
    }
    const headers = ctx.getHeaders() as Record<string, string>;
    headers.accept = 'application/json';
    if (body !== undefined) headers['content-type'] = 'application/json';
    const signals = [signal, timeout ? AbortSignal.timeout(REQUEST_TIMEOUT_MS) : undefined].filter((s): s is AbortSignal => !!s);
    let response: Response;
    try {
      response = await fetch(ctx.getUrl(), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        dispatcher: dispatcherFor(ctx),
        signal: signals.length ? AbortSignal.any(signals) : undefined,
      });
    } catch (err) {
      throw classifyNetworkError(err, this.server);
    }
    if (response.ok) return response;
    const status = (await response.json().catch(() => ({}))) as { message?: string; reason?: string };
    throw apiStatusError(response.status, (status.message ?? response.statusText).slice(0, 300), { path: path.split('?')[0]!, server: this.server, context: this.contextName });
  }
}

/** The one network classifier (net/classify.ts), in the cluster's words. */
function classifyNetworkError(err: unknown, server: string): AppError {
  if (err instanceof AppError) return err;
  const failure = classifyNetworkFailure(err);
  if (failure.kind === 'timeout') return new AppError('cluster.timeout', { server });
  if (failure.kind === 'tls') return new AppError('cluster.tlsFailed', { server, reason: failure.code });
  const cause = (err as { cause?: unknown })?.cause;
  return new AppError('cluster.unreachable', { server, reason: failure.code || firstLine(cause ?? err) });
}

/** The API server's host name without the port: what api/api-int DNS records and CSR checks name. */
function hostNameOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

function enc(s: string): string {
  return encodeURIComponent(s);
}
