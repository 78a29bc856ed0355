/**
 * Which proxy (if any) a URL goes through, following the curl/Go conventions technicians already
 * use: HTTPS_PROXY / HTTP_PROXY (upper or lower case), NO_PROXY as a comma list of host names,
 * domain suffixes (".example.com" or "example.com"), host:port, IPs, or "*".
 */
export type ProxyEnv = Record<string, string | undefined>;

function pick(env: ProxyEnv, name: string): string | undefined {
  const v = env[name.toLowerCase()] ?? env[name.toUpperCase()];
  return v && v.trim() ? v.trim() : undefined;
}

export function proxyFor(target: URL, env: ProxyEnv): URL | undefined {
  const raw = target.protocol === 'https:' ? pick(env, 'https_proxy') : pick(env, 'http_proxy');
  if (!raw) return undefined;
  if (bypassesProxy(target, pick(env, 'no_proxy') ?? '')) return undefined;
  try {
    return new URL(raw.includes('://') ? raw : `http://${raw}`);
  } catch {
    return undefined;
  }
}

export function bypassesProxy(target: URL, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const entry of noProxy.split(/[,\s]+/).map((e) => e.trim().toLowerCase()).filter(Boolean)) {
    if (entry === '*') return true;
    const [rawName, entryPort] = entry.startsWith('[') ? [entry.slice(1, entry.indexOf(']')), entry.split(']:')[1]] : entry.split(':');
    if (entryPort && entryPort !== port) continue;
    const name = (rawName ?? '').replace(/^\*?\./, '');
    if (host === name || host.endsWith(`.${name}`)) return true;
  }
  return false;
}
