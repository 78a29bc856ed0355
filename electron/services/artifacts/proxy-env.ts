/**
 * The proxy variables' type, kept at this path for the artifact service's import. The parsing that
 * lived here is gone: undici's EnvHttpProxyAgent interprets HTTPS_PROXY / HTTP_PROXY / NO_PROXY
 * (electron/services/net/proxy-rules.ts).
 */
export type { ProxyEnv } from '../net/proxy-rules';
