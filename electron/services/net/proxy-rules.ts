/**
 * Proxy selection in the two modes.
 *
 * Desktop app: the composition root (electron/main.ts) injects a ProxyResolver backed by
 * Chromium's `session.resolveProxy(url)`, so every request takes the route the system settings
 * and PAC script give for its URL — the same route the window's own requests take.
 *
 * Browser host and CLI: HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case), interpreted by undici's
 * EnvHttpProxyAgent. Only the variable look-up is ours (an explicit env object in tests).
 */
export interface ProxyResolver {
  /** Chromium's answer for a URL: "DIRECT" or "PROXY host:port; HTTPS host:port; SOCKS5 host:port; DIRECT" */
  resolveProxy(url: string): Promise<string>;
}

export type ProxyEnv = Record<string, string | undefined>;

/** Where one request goes: straight to the server, or through one proxy (an http:, https: or socks5: URI). */
export type ProxyRoute = { kind: 'direct' } | { kind: 'proxy'; uri: string };

const SCHEMES: Record<string, string> = { PROXY: 'http', HTTPS: 'https', SOCKS5: 'socks5', SOCKS: 'socks5' };

/**
 * The first entry of a Chromium proxy list that we can use. Chromium falls back to the next entry
 * when a proxy fails; we take the first usable one and let the request's own retry handle a
 * failure. SOCKS4 (no undici support) is skipped. An empty or unparsable answer means DIRECT,
 * as Chromium does when a PAC script fails.
 */
export function parseProxyList(list: string): ProxyRoute {
  for (const raw of list.split(';')) {
    const [keyword = '', hostPort = ''] = raw.trim().split(/\s+/);
    const kind = keyword.toUpperCase();
    if (kind === 'DIRECT') return { kind: 'direct' };
    const scheme = SCHEMES[kind];
    if (scheme && /^[^\s/]+:\d+$/.test(hostPort)) return { kind: 'proxy', uri: `${scheme}://${hostPort}` };
  }
  return { kind: 'direct' };
}

function pick(env: ProxyEnv, name: string): string {
  const value = (env[name.toLowerCase()] ?? env[name.toUpperCase()] ?? '').trim();
  // curl and Go accept "proxy:3128" without a scheme; undici needs a URL.
  return value && !value.includes('://') ? `http://${value}` : value;
}

/**
 * EnvHttpProxyAgent's options for an env object. Empty strings, never undefined: undici would
 * otherwise fall back to process.env, and a test's explicit `{}` must mean "no proxy".
 */
export function envProxyOptions(env: ProxyEnv): { httpProxy: string; httpsProxy: string; noProxy: string } {
  // undici sends https: URLs through HTTP_PROXY when HTTPS_PROXY is unset.
  return { httpProxy: pick(env, 'http_proxy'), httpsProxy: pick(env, 'https_proxy'), noProxy: (env.no_proxy ?? env.NO_PROXY ?? '').trim() };
}
