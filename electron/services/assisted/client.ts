import type { Response } from 'undici';
import type {
  Cluster,
  Event as ApiEvent,
  Host,
  HostUpdateParams,
  ImportClusterParams,
  InfraEnv,
  InfraEnvCreateParams,
  InfraEnvUpdateParams,
  ListVersions,
  PresignedUrl,
} from '@openshift-assisted/types/assisted-installer-service';
import { AppError } from '../../../shared/api/errors';
import type { AccessTokenProvider } from '../credentials/access-token-provider';
import { appNetwork } from '../net/app-network';
import type { Network } from '../net/network';
import { networkError } from '../net/errors';
import { callApi, type ApiCallOptions } from './api-call';
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
  /** Default: the app's network (proxy and trust as configured by the composition root) */
  network?: Network;
}

export interface EventPage {
  events: ApiEvent[];
  /** Event-Count header: the total for the filter, regardless of offset/limit */
  total: number;
}

const base = '/api/assisted-install/v2';

/**
 * Typed client for the Assisted Installer REST API v2 (types from @openshift-assisted/types), on
 * the network module. Token logic stays in the AccessTokenProvider; api-call.ts adds the bearer
 * token, refreshes it once after a 401 and backs off after 5xx/429 and network errors — but only
 * for calls that are safe to repeat: import and infra-env creation are never retried blindly (a
 * repeated import creates a second cluster).
 */
export class AssistedClient {
  readonly #opts: AssistedClientOptions;
  readonly #call: ApiCallOptions;

  constructor(options: AssistedClientOptions) {
    this.#opts = options;
    this.#call = {
      network: options.network ?? appNetwork(),
      tokens: options.tokens,
      retryLimit: options.retryLimit ?? 4,
      retryBaseMs: options.retryBaseMs ?? 1000,
      timeoutMs: options.timeoutMs ?? 60_000,
      ...(options.onRequest ? { onRequest: options.onRequest } : {}),
    };
  }

  #url(path: string, query?: Record<string, string | number | boolean | undefined>): string {
    const url = new URL(base + path, this.#opts.apiUrl());
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    return url.toString();
  }

  async #send<T>(
    operation: string,
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    options: { query?: Record<string, string | number | boolean | undefined>; body?: unknown } = {},
  ): Promise<{ body: T; response: Response }> {
    const url = this.#url(path, options.query);
    const response = await callApi(this.#call, operation, method, url, options.body !== undefined ? snakeKeys(options.body) : undefined);
    let text: string;
    try {
      text = await response.text();
    } catch (err) {
      throw networkError(err, url, 'assisted.offline'); // the connection dropped mid-body
    }
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new AppError('assisted.badResponse', { operation, status: response.status });
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
    const header = Number(response.headers.get('event-count') ?? NaN);
    return { events, total: Number.isFinite(header) ? header : query.offset + events.length };
  }
}
