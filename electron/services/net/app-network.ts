import { createNetwork, type Network } from './network';

/**
 * The process's network. The composition root configures it once (electron/app/composition.ts:
 * Chromium's resolver in the desktop app, the proxy variables in the browser host and the CLI,
 * plus the CA bundle from Settings); code that is not handed a Network explicitly — Kubernetes
 * access opened from the cluster service, the CLI — uses this one. Until configured it follows
 * process.env with the usual trust.
 */
let current: Network | undefined;

export function appNetwork(): Network {
  current ??= createNetwork({ proxy: { env: process.env } });
  return current;
}

export function setAppNetwork(network: Network): void {
  current = network;
}

/** Forgets `network` if it is the configured one (a backend shutting down); the next use starts a fresh default. */
export function releaseAppNetwork(network: Network): void {
  if (current === network) current = undefined;
}

/**
 * A WHATWG-fetch-shaped view of a network for code written against `fetch` (sign-in, "Test
 * access"). undici's Request/Response types and the DOM's are the same API but distinct
 * declarations, hence the one cast here.
 */
export function fetchVia(network: () => Network = appNetwork): typeof fetch {
  const call = (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
    return network().fetch(url, init as Parameters<Network['fetch']>[1]);
  };
  return call as unknown as typeof fetch;
}
