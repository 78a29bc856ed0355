import type { ConnectionOptions } from 'node:tls';
import { Agent, Dispatcher, EnvHttpProxyAgent, ProxyAgent } from 'undici';
import { envProxyOptions, parseProxyList, type ProxyEnv, type ProxyResolver, type ProxyRoute } from './proxy-rules';

/** TLS settings of one kind of connection: whom to trust, and a client certificate (Kubernetes). */
export type TlsSettings = Pick<ConnectionOptions, 'ca' | 'cert' | 'key' | 'rejectUnauthorized' | 'servername'>;

/** undici's options for a direct connection and for the same connection through a proxy. */
function agentOptions(tls: TlsSettings, connectTimeoutMs: number) {
  return {
    connect: { ...tls, timeout: connectTimeoutMs },
    connectTimeout: connectTimeoutMs,
    // the tunnelled TLS session to the server (CONNECT), and the session to an https: proxy
    requestTls: tls,
    proxyTls: { ca: tls.ca },
  };
}

/** Browser host and CLI: HTTPS_PROXY / HTTP_PROXY / NO_PROXY, decided per URL by undici. */
export function envDispatcher(env: ProxyEnv, tls: TlsSettings, connectTimeoutMs: number): Dispatcher {
  return new EnvHttpProxyAgent({ ...envProxyOptions(env), ...agentOptions(tls, connectTimeoutMs) });
}

/**
 * Desktop app: asks the ProxyResolver (Chromium, PAC included) for every request's URL and sends
 * it through an agent for that route; one agent per route, reused (keep-alive per proxy).
 * undici's dispatch is synchronous and the resolver is not, so the request is handed on once the
 * answer is there; the handler sees every callback from the chosen agent as usual.
 */
export class ResolverDispatcher extends Dispatcher {
  readonly #routes = new Map<string, Dispatcher>();

  constructor(
    private readonly resolver: ProxyResolver,
    private readonly tls: TlsSettings,
    private readonly connectTimeoutMs: number,
  ) {
    super();
  }

  #agentFor(route: ProxyRoute): Dispatcher {
    const key = route.kind === 'direct' ? 'DIRECT' : route.uri;
    let agent = this.#routes.get(key);
    if (!agent) {
      const options = agentOptions(this.tls, this.connectTimeoutMs);
      agent = route.kind === 'direct' ? new Agent(options) : new ProxyAgent({ ...options, uri: route.uri });
      this.#routes.set(key, agent);
    }
    return agent;
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const url = new URL(options.path, options.origin).toString();
    this.resolver
      .resolveProxy(url)
      .then(parseProxyList, () => ({ kind: 'direct' }) as const) // a failing PAC script means DIRECT in Chromium too
      .then((route) => this.#agentFor(route).dispatch(options, handler))
      .catch((err: unknown) => handler.onResponseError?.(abortedController(err), err instanceof Error ? err : new Error(String(err))));
    return true;
  }

  // undici's close/destroy take a callback or return a promise; both forms are supported.
  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    return settle(Promise.all([...this.#routes.values()].map((d) => d.close())), callback);
  }

  override destroy(): Promise<void>;
  override destroy(err: Error | null): Promise<void>;
  override destroy(callback: () => void): void;
  override destroy(err: Error | null, callback: () => void): void;
  override destroy(a?: Error | null | (() => void), b?: () => void): Promise<void> | void {
    const err = typeof a === 'function' ? null : (a ?? null);
    return settle(Promise.all([...this.#routes.values()].map((d) => d.destroy(err))), typeof a === 'function' ? a : b);
  }
}

function settle(work: Promise<unknown>, callback?: () => void): Promise<void> | void {
  const done = work.then(() => undefined);
  if (!callback) return done;
  void done.then(callback, callback);
}

/** A controller for an error raised before any agent took the request (e.g. the agent was closed). */
function abortedController(reason: unknown): Dispatcher.DispatchController {
  const error = reason instanceof Error ? reason : new Error(String(reason));
  return { aborted: true, paused: false, reason: error, abort: () => undefined, pause: () => undefined, resume: () => undefined };
}
