import http, { type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { isIP, type Socket } from 'node:net';
import { proxyFor, type ProxyEnv } from './proxy-env';

/**
 * A minimal streaming HTTP(S) GET on node:http/https rather than fetch: it gives the download
 * engine exact control over Range headers, socket idle timeouts, an extra CA bundle and
 * HTTPS_PROXY/NO_PROXY (CONNECT tunnels) without extra dependencies, and streams with
 * back-pressure so memory stays constant.
 */
export interface HttpOptions {
  headers?: OutgoingHttpHeaders;
  /** Extra trusted CA certificates (PEM), added to Node's defaults */
  ca?: string[];
  env?: ProxyEnv;
  signal?: AbortSignal;
  /** Connect + header timeout */
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

function caList(extra?: string[]): string[] | undefined {
  return extra && extra.length ? [...tls.rootCertificates, ...extra] : undefined;
}

/** Opens a CONNECT tunnel through an HTTP proxy and resolves with the raw socket. */
function connectTunnel(proxy: URL, target: URL, options: HttpOptions): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const port = target.port || '443';
    const headers: OutgoingHttpHeaders = { host: `${target.hostname}:${port}` };
    if (proxy.username) headers['proxy-authorization'] = `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}`;
    const req = http.request({
      host: proxy.hostname,
      port: proxy.port || 80,
      method: 'CONNECT',
      path: `${target.hostname}:${port}`,
      headers,
      signal: options.signal,
      timeout: options.connectTimeoutMs,
    });
    req.once('connect', (res, socket) => {
      socket.setTimeout(0);
      req.removeAllListeners('timeout');
      if (res.statusCode !== 200) {
        socket.destroy();
        reject(new HttpSetupError(`proxy answered ${res.statusCode} to CONNECT`, 'EPROXY'));
        return;
      }
      resolve(socket);
    });
    req.once('timeout', () => req.destroy(Object.assign(new Error('proxy connect timeout'), { code: 'ETIMEDOUT' })));
    req.once('error', reject);
    req.end();
  });
}

export async function httpGet(rawUrl: string, options: HttpOptions = {}): Promise<IncomingMessage> {
  const url = new URL(rawUrl);
  const proxy = proxyFor(url, options.env ?? process.env);
  const isHttps = url.protocol === 'https:';
  const ca = caList(options.ca);
  let requestOptions: https.RequestOptions;
  if (proxy && isHttps) {
    const socket = await connectTunnel(proxy, url, options);
    requestOptions = {
      hostname: url.hostname,
      port: url.port || 443,
      path: url.pathname + url.search,
      ca,
      // SNI carries names only (RFC 6066), never an IP address
      createConnection: () => tls.connect({ socket, ca, host: url.hostname, ...(isIP(url.hostname) ? {} : { servername: url.hostname }) }),
    };
  } else if (proxy) {
    // Plain HTTP through a proxy: absolute-form request line to the proxy.
    requestOptions = { hostname: proxy.hostname, port: proxy.port || 80, path: url.href, headers: { host: url.host } };
  } else {
    requestOptions = { hostname: url.hostname.replace(/^\[|\]$/g, ''), port: url.port || (isHttps ? 443 : 80), path: url.pathname + url.search, ca };
  }
  const headers: OutgoingHttpHeaders = { 'user-agent': 'sno-field-kit', accept: '*/*', 'accept-encoding': 'identity', ...(requestOptions.headers as OutgoingHttpHeaders | undefined), ...options.headers };
  return new Promise((resolve, reject) => {
    // A tunnelled request must have no agent, or Node ignores createConnection and dials directly.
    const agent = requestOptions.createConnection ? undefined : false;
    const req = (isHttps ? https : http).request({ ...requestOptions, method: 'GET', headers, signal: options.signal, agent }, resolve);
    if (options.connectTimeoutMs) {
      req.setTimeout(options.connectTimeoutMs, () => req.destroy(Object.assign(new Error('no response in time'), { code: 'ETIMEDOUT' })));
      req.once('response', () => req.setTimeout(0));
    }
    req.once('error', reject);
    req.end();
  });
}

/** GETs a small text document (sha256sum.txt, release.txt) with a size cap. */
export async function httpGetText(rawUrl: string, options: HttpOptions = {}, maxBytes = 4 * 1024 * 1024): Promise<{ status: number; text: string }> {
  const res = await httpGet(rawUrl, options);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      res.destroy();
      throw new HttpSetupError(`response larger than ${maxBytes} bytes`, 'ETOOBIG');
    }
    chunks.push(chunk);
  }
  return { status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') };
}
