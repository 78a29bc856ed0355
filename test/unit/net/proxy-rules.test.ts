import { describe, expect, it } from 'vitest';
import { envProxyOptions, parseProxyList } from '../../../electron/services/net/proxy-rules';
import { classifyNetworkFailure } from '../../../electron/services/net/classify';
import { backoffMs } from '../../../electron/services/net/backoff';

describe('Chromium proxy lists (session.resolveProxy)', () => {
  it('takes the first usable entry and maps it to a proxy URI', () => {
    expect(parseProxyList('DIRECT')).toEqual({ kind: 'direct' });
    expect(parseProxyList('PROXY proxy.corp:3128; DIRECT')).toEqual({ kind: 'proxy', uri: 'http://proxy.corp:3128' });
    expect(parseProxyList('HTTPS secure.corp:443')).toEqual({ kind: 'proxy', uri: 'https://secure.corp:443' });
    expect(parseProxyList('SOCKS4 old.corp:1080; SOCKS5 s.corp:1080')).toEqual({ kind: 'proxy', uri: 'socks5://s.corp:1080' });
    expect(parseProxyList('')).toEqual({ kind: 'direct' });
    expect(parseProxyList('PROXY no-port')).toEqual({ kind: 'direct' });
  });
});

describe('proxy variables', () => {
  it('reads either case, adds http:// to a bare host:port, and never leaves a value undefined', () => {
    expect(envProxyOptions({ https_proxy: 'proxy:8080' })).toEqual({ httpProxy: '', httpsProxy: 'http://proxy:8080', noProxy: '' });
    expect(envProxyOptions({ HTTP_PROXY: 'http://p:3128', NO_PROXY: ' .lab ' })).toEqual({ httpProxy: 'http://p:3128', httpsProxy: '', noProxy: '.lab' });
    expect(envProxyOptions({})).toEqual({ httpProxy: '', httpsProxy: '', noProxy: '' });
  });
});

describe('the one classifier', () => {
  const wrapped = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('x'), { code }) });
  it('finds the socket code under fetch’s wrapper and names the kind', () => {
    expect(classifyNetworkFailure(wrapped('ENOTFOUND'))).toEqual({ kind: 'dns', code: 'ENOTFOUND' });
    expect(classifyNetworkFailure(wrapped('DEPTH_ZERO_SELF_SIGNED_CERT')).kind).toBe('tls');
    expect(classifyNetworkFailure(wrapped('UND_ERR_CONNECT_TIMEOUT')).kind).toBe('timeout');
    expect(classifyNetworkFailure(wrapped('ECONNREFUSED')).kind).toBe('refused');
    expect(classifyNetworkFailure(Object.assign(new Error('no data received'), { code: 'ESTALL' })).kind).toBe('stall');
    expect(classifyNetworkFailure(Object.assign(new Error('Proxy response (403) !== 200 when HTTP Tunneling'), { code: 'UND_ERR_ABORTED' })).kind).toBe('proxy');
    expect(classifyNetworkFailure(new DOMException('t', 'TimeoutError')).kind).toBe('timeout');
  });
});

describe('backoff', () => {
  it('is equal jitter: never less than half the ceiling, which doubles up to the cap', () => {
    expect(backoffMs(3, 1000, 30_000, () => 0)).toBe(2000);
    expect(backoffMs(3, 1000, 30_000, () => 1)).toBe(4000);
    expect(backoffMs(10, 1000, 30_000, () => 0)).toBe(15_000);
  });
});
