import type { AgentOptions } from 'node:https';
import type { Cluster, KubeConfig, RequestContext } from '@kubernetes/client-node';
import type { Dispatcher } from 'undici';
import type { Network } from '../net/network';

/** How a Kubernetes request reaches the network: the one place its transport is chosen. */

type DispatcherFactory = (cluster: Cluster | null, agentOptions: AgentOptions) => Dispatcher | undefined;

/**
 * Sends this kubeconfig's requests through the network module: the app's proxy route (HTTPS_PROXY /
 * NO_PROXY, or Chromium's resolver) and pooled connections. @kubernetes/client-node builds a new
 * undici Agent per request and knows no proxy but the kubeconfig's own `proxy-url`; its
 * applySecurityAuthentication still supplies the TLS material (the kubeconfig's CA, which replaces
 * the usual trust as with kubectl, and client certificates, also those from exec plugins). The
 * factory is a private method of the library, so it is replaced on this instance only, and a
 * missing one (a library change) fails loudly instead of silently bypassing the proxy.
 */
export function routeThroughNetwork(kc: KubeConfig, network: Network): void {
  const target = kc as unknown as { createDispatcher?: DispatcherFactory };
  const own = target.createDispatcher?.bind(kc);
  if (!own) throw new Error('@kubernetes/client-node: KubeConfig.createDispatcher is gone; update routeThroughNetwork');
  target.createDispatcher = (cluster, agentOptions) => {
    if (cluster?.proxyUrl) return own(cluster, agentOptions); // the kubeconfig's proxy-url wins, as with kubectl
    const { ca, cert, key, rejectUnauthorized, servername } = agentOptions;
    return network.dispatcher({ tls: { ca, cert, key, rejectUnauthorized, servername } });
  };
}

/**
 * The undici dispatcher for one request: the kubeconfig's CA, client certificate and TLS switch as
 * the Kubernetes client built them. The one place a Kubernetes connection's transport is chosen.
 */
export function dispatcherFor(ctx: RequestContext): Dispatcher | undefined {
  return ctx.getDispatcher() as Dispatcher | undefined;
}
