import { createHash } from 'node:crypto';
import { fetch as undiciFetch, request as undiciRequest, type Dispatcher, type RequestInit, type Response } from 'undici';
import { ResolverDispatcher, envDispatcher, type TlsSettings } from './dispatchers';
import type { ProxyEnv, ProxyResolver } from './proxy-rules';
import { readCaBundle, trustedCertificates } from './trust';

/**
 * The one way this app talks to the network: sign-in, "Test access", the Assisted Installer API,
 * downloads (Range resume), Kubernetes (worker.ign, CSRs, the cluster's stream). Every request gets
 * the same proxy route (proxy-rules.ts) and the same trust (trust.ts); docs/architecture.md
 * "Network" describes the rules.
 */
export interface NetworkOptions {
  /** Desktop app: Chromium's resolver; browser host and CLI: the proxy variables (process.env) */
  proxy: { resolver: ProxyResolver } | { env: ProxyEnv };
  /** The extra CA bundle (PEM file) from Settings, read when a request is made so a change applies at once */
  extraCaPath?: () => string;
  connectTimeoutMs?: number;
}

export interface NetRequestOptions {
  method?: Dispatcher.HttpMethod;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** CAs trusted for this request only, besides the usual ones (a cluster's ingress CA) */
  ca?: readonly string[];
  /** No response headers for this long: give up (default 30 s) */
  headersTimeoutMs?: number;
  /** No body byte for this long: give up; 0 leaves it to the caller (downloads have their own stall timer) */
  bodyTimeoutMs?: number;
}

export type NetResponse = Dispatcher.ResponseData;

/** Kubernetes: the kubeconfig's CA replaces the usual trust (as kubectl does), plus a client certificate. */
export interface DispatcherOptions {
  tls?: TlsSettings;
  ca?: readonly string[];
}

export interface Network {
  /** A streaming request (downloads): status, headers and a Readable body with back-pressure */
  request(url: string, options?: NetRequestOptions): Promise<NetResponse>;
  /** WHATWG fetch for JSON APIs; `ca` as in request */
  fetch(url: string, init?: RequestInit & { ca?: readonly string[] }): Promise<Response>;
  /** The dispatcher for callers that bring their own fetch call (the Kubernetes client) */
  dispatcher(options?: DispatcherOptions): Dispatcher;
  close(): Promise<void>;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;

export function createNetwork(options: NetworkOptions): Network {
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  // One dispatcher per distinct trust/client-certificate set: connections are pooled within it.
  const dispatchers = new Map<string, Dispatcher>();

  const dispatcher = ({ tls = {}, ca = [] }: DispatcherOptions = {}): Dispatcher => {
    // Only the extra CAs go into the key: the bundled and OS roots are the same for every request.
    const extra = tls.ca ? [] : [...readCaBundle(options.extraCaPath?.() ?? ''), ...ca];
    const key = fingerprint(tls, extra);
    let d = dispatchers.get(key);
    if (!d) {
      const settings: TlsSettings = tls.ca ? tls : { ...tls, ca: trustedCertificates(extra) };
      d = 'resolver' in options.proxy ? new ResolverDispatcher(options.proxy.resolver, settings, connectTimeoutMs) : envDispatcher(options.proxy.env, settings, connectTimeoutMs);
      dispatchers.set(key, d);
    }
    return d;
  };

  return {
    dispatcher,
    request: async (url, o = {}) =>
      undiciRequest(url, {
        method: o.method ?? 'GET',
        headers: o.headers,
        body: o.body,
        signal: o.signal,
        headersTimeout: o.headersTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
        bodyTimeout: o.bodyTimeoutMs ?? 60_000,
        dispatcher: dispatcher({ ca: o.ca ?? [] }),
      }),
    fetch: async (url, { ca, ...init } = {}) => undiciFetch(url, { ...init, dispatcher: dispatcher({ ca: ca ?? [] }) }),
    close: async () => {
      const all = [...dispatchers.values()];
      dispatchers.clear();
      await Promise.all(all.map((d) => d.close()));
    },
  };
}

type Pem = string | Buffer | { pem: string | Buffer };

function fingerprint(tls: TlsSettings, extra: readonly string[]): string {
  const hash = createHash('sha256');
  for (const value of [tls.ca, tls.cert, tls.key, extra]) {
    for (const item of (Array.isArray(value) ? value : value === undefined ? [] : [value]) as Pem[]) {
      hash.update(typeof item === 'object' && 'pem' in item ? item.pem : item).update('\0');
    }
    hash.update('|');
  }
  hash.update(`${tls.rejectUnauthorized}|${tls.servername}`);
  return hash.digest('hex');
}
