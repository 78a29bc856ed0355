import got, { HTTPError, RequestError, type Got, type Response } from 'got';
import type {
  Cluster, Event as ApiEvent, Host, HostUpdateParams, ImportClusterParams, InfraEnv, InfraEnvCreateParams, InfraEnvUpdateParams, ListVersions, PresignedUrl,
} from '@openshift-assisted/types/assisted-installer-service';
import { AppError } from '../../../shared/api/errors';
import type { AccessTokenProvider } from '../credentials/access-token-provider';
import { networkError } from '../net/fetch-errors';
import { apiError } from './errors';
import { camelKeys, snakeKeys } from './keys';

export interface AssistedClientOptions {
  /** The API base (https://api.openshift.com), read per call so a Settings change applies at once */
  apiUrl: () => string;
  tokens: Pick<AccessTokenProvider, 'token' | 'refreshAfterRejection' | 'clear'>;
  /** Retries after 5xx/429/network errors on idempotent calls (default 4) */
  retryLimit?: number;
  /** First backoff delay; doubles each attempt, capped at 30 s, plus jitter (default 1 s) */
  retryBaseMs?: number;
  timeoutMs?: number;
  /** Sees every request (method, path) — for diagnostics and tests */
  onRequest?: (method: string, url: string) => void;
}

export interface EventPage {
  events: ApiEvent[];
  /** Event-Count header: the total for the filter, regardless of offset/limit */
  total: number;
}

const base = '/api/assisted-install/v2';

/**
 * Typed client for the Assisted Installer REST API v2 (types from @openshift-assisted/types), on got.
 * Token logic stays in the AccessTokenProvider: a beforeRequest hook adds the current bearer token,
 * and a 401 makes it refresh once (refreshAfterRejection) and retry once. 5xx/429 and network errors
 * back off exponentially with jitter — but only for calls that are safe to repeat: import and
 * infra-env creation are never retried blindly (a repeated import creates a second cluster).
 */
export class AssistedClient {
  readonly #http: Got;
  readonly #opts: AssistedClientOptions;

  constructor(options: AssistedClientOptions) {
    this.#opts = options;
    const retryBase = options.retryBaseMs ?? 1000;
    this.#http = got.extend({
      responseType: 'text',
      throwHttpErrors: true,
      timeout: { request: options.timeoutMs ?? 60_000 },
      retry: {
        limit: options.retryLimit ?? 4,
        methods: ['GET', 'PATCH', 'PUT', 'DELETE', 'HEAD'],
        statusCodes: [429, 500, 502, 503, 504],
        calculateDelay: ({ attemptCount, computedValue, error }) => {
          if (computedValue === 0) return 0;
          // Honour Retry-After when the gateway sends one (got folds it into computedValue).
          if (error.response?.headers['retry-after']) return computedValue;
          return Math.min(retryBase * 2 ** (attemptCount - 1), 30_000) + Math.floor(Math.random() * retryBase * 0.2);
        },
      },
      hooks: {
        beforeRequest: [
          async (opts) => {
            opts.headers.authorization = `Bearer ${await options.tokens.token()}`;
            opts.headers.accept = 'application/json';
            options.onRequest?.(String(opts.method), String(opts.url));
          },
        ],
        afterResponse: [
          async (response, retryWithMergedOptions) => {
            if (response.statusCode !== 401) return response;
            const used = String(response.request.options.headers.authorization ?? '').replace(/^Bearer /, '');
            const fresh = await options.tokens.refreshAfterRejection(used);
            // got runs the retry without afterResponse hooks, so a second 401 ends as an HTTPError.
            return retryWithMergedOptions({ headers: { authorization: `Bearer ${fresh}` } });
          },
        ],
      },
    });
  }

  #url(path: string, query?: Record<string, string | number | boolean | undefined>): string {
    const url = new URL(base + path, this.#opts.apiUrl());
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    return url.toString();
  }

  async #send<T>(operation: string, method: 'GET' | 'POST' | 'PATCH', path: string, options: { query?: Record<string, string | number | boolean | undefined>; body?: unknown } = {}): Promise<{ body: T; response: Response<string> }> {
    const url = this.#url(path, options.query);
    let response: Response<string>;
    try {
      response = await this.#http(url, {
        method,
        ...(options.body !== undefined ? { json: snakeKeys(options.body) } : {}),
      });
    } catch (err) {
      if (err instanceof HTTPError) {
        const status = err.response.statusCode;
        if (status === 401) this.#opts.tokens.clear();
        throw apiError(status, String(err.response.body ?? ''), operation);
      }
      if (err instanceof AppError) throw err;
      if (err instanceof RequestError) throw networkError(err, url, 'assisted.offline');
      throw err;
    }
    const text = response.body;
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new AppError('assisted.badResponse', { operation, status: response.statusCode });
      }
    }
    return { body: camelKeys<T>(parsed), response };
  }

  async componentVersions(): Promise<ListVersions> {
    return (await this.#send<ListVersions>('component-versions', 'GET', '/component-versions')).body;
  }

  /** Imported day-2 clusters for an OpenShift cluster id; other kinds (day-1 AI clusters) are ignored, as the UI does. */
  async findAddHostsClusters(openshiftClusterId: string): Promise<Cluster[]> {
    const { body } = await this.#send<Cluster[]>('clusters-list', 'GET', '/clusters', { query: { openshift_cluster_id: openshiftClusterId } });
    return (Array.isArray(body) ? body : []).filter((c) => c.kind === 'AddHostsCluster');
  }

  /** Not idempotent: every call creates a new cluster. Never retried automatically. */
  async importCluster(params: ImportClusterParams): Promise<Cluster> {
    return (await this.#send<Cluster>('clusters-import', 'POST', '/clusters/import', { body: params })).body;
  }

  async getCluster(clusterId: string): Promise<Cluster> {
    return (await this.#send<Cluster>('cluster-get', 'GET', `/clusters/${encodeURIComponent(clusterId)}`)).body;
  }

  async listInfraEnvs(clusterId: string): Promise<InfraEnv[]> {
    const { body } = await this.#send<InfraEnv[]>('infra-envs-list', 'GET', '/infra-envs', { query: { cluster_id: clusterId } });
    return Array.isArray(body) ? body : [];
  }

  async createInfraEnv(params: InfraEnvCreateParams): Promise<InfraEnv> {
    return (await this.#send<InfraEnv>('infra-env-create', 'POST', '/infra-envs', { body: params })).body;
  }

  async getInfraEnv(infraEnvId: string): Promise<InfraEnv> {
    return (await this.#send<InfraEnv>('infra-env-get', 'GET', `/infra-envs/${encodeURIComponent(infraEnvId)}`)).body;
  }

  async updateInfraEnv(infraEnvId: string, params: InfraEnvUpdateParams): Promise<InfraEnv> {
    return (await this.#send<InfraEnv>('infra-env-update', 'PATCH', `/infra-envs/${encodeURIComponent(infraEnvId)}`, { body: params })).body;
  }

  /** A freshly signed ISO URL; call it right before each download (URLs expire). */
  async imageUrl(infraEnvId: string): Promise<PresignedUrl> {
    return (await this.#send<PresignedUrl>('image-url', 'GET', `/infra-envs/${encodeURIComponent(infraEnvId)}/downloads/image-url`)).body;
  }

  async listHosts(infraEnvId: string): Promise<Host[]> {
    const { body } = await this.#send<Host[]>('hosts-list', 'GET', `/infra-envs/${encodeURIComponent(infraEnvId)}/hosts`);
    return Array.isArray(body) ? body : [];
  }

  async getHost(infraEnvId: string, hostId: string): Promise<Host> {
    return (await this.#send<Host>('host-get', 'GET', `/infra-envs/${encodeURIComponent(infraEnvId)}/hosts/${encodeURIComponent(hostId)}`)).body;
  }

  async updateHost(infraEnvId: string, hostId: string, params: HostUpdateParams): Promise<Host> {
    return (await this.#send<Host>('host-update', 'PATCH', `/infra-envs/${encodeURIComponent(infraEnvId)}/hosts/${encodeURIComponent(hostId)}`, { body: params })).body;
  }

  async installHost(infraEnvId: string, hostId: string): Promise<Host> {
    return (await this.#send<Host>('host-install', 'POST', `/infra-envs/${encodeURIComponent(infraEnvId)}/hosts/${encodeURIComponent(hostId)}/actions/install`)).body;
  }

  async resetHost(infraEnvId: string, hostId: string): Promise<Host> {
    return (await this.#send<Host>('host-reset', 'POST', `/infra-envs/${encodeURIComponent(infraEnvId)}/hosts/${encodeURIComponent(hostId)}/actions/reset`)).body;
  }

  /** Events in ascending order from `offset` (= how many were already seen); the API's only pagination. */
  async events(query: { clusterId: string; offset: number; limit?: number }): Promise<EventPage> {
    const { body, response } = await this.#send<ApiEvent[]>('events', 'GET', '/events', {
      query: { cluster_id: query.clusterId, order: 'ascending', offset: query.offset, limit: query.limit ?? 100 },
    });
    const events = Array.isArray(body) ? body : [];
    const header = Number(response.headers['event-count']);
    return { events, total: Number.isFinite(header) ? header : query.offset + events.length };
  }
}
