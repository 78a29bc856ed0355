import { appNetwork } from '../net/app-network';
import { createNetwork, type Network } from '../net/network';
import type { ProxyEnv } from '../net/proxy-rules';

/** How the artifact code reaches the network (see withNetwork). */
export interface HttpOptions {
  /** The network to use; default: see withNetwork */
  network?: Network;
  /** Proxy variables; process.env (what the app's own services pass) means the app's network */
  env?: ProxyEnv;
  /** Extra trusted CA certificates (PEM), added to the usual trust */
  ca?: string[];
  signal?: AbortSignal;
  /** No response headers for this long: give up */
  connectTimeoutMs?: number;
}

export class HttpSetupError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'HttpSetupError';
  }
}

/**
 * Runs `use` with the network a request should take: the one given; the app's network when the
 * caller passes process.env or nothing (the app's services do); or, for an explicit env object (tests,
 * a CLI run with its own variables), a network built for it and closed afterwards.
 */
export async function withNetwork<T>(options: Pick<HttpOptions, 'network' | 'env'>, use: (network: Network) => Promise<T>): Promise<T> {
  if (options.network) return use(options.network);
  if (!options.env || options.env === process.env) return use(appNetwork());
  const own = createNetwork({ proxy: { env: options.env } });
  try {
    return await use(own);
  } finally {
    void own.close().catch(() => undefined);
  }
}

/** GETs a small text document (sha256sum.txt, release.txt) with a size cap. */
export async function httpGetText(url: string, options: HttpOptions = {}, maxBytes = 4 * 1024 * 1024): Promise<{ status: number; text: string }> {
  return withNetwork(options, async (network) => {
    const res = await network.request(url, {
      headers: { 'user-agent': 'sno-field-kit', accept: '*/*', 'accept-encoding': 'identity' },
      ...(options.ca ? { ca: options.ca } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.connectTimeoutMs ? { headersTimeoutMs: options.connectTimeoutMs } : {}),
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) {
        res.body.destroy();
        throw new HttpSetupError(`response larger than ${maxBytes} bytes`, 'ETOOBIG');
      }
      chunks.push(chunk);
    }
    return { status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') };
  });
}
