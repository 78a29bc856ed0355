import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetwork, type Network } from '../../../electron/services/net/network';
import { fetchVia } from '../../../electron/services/net/app-network';
import { networkError } from '../../../electron/services/net/errors';
import { AssistedClient } from '../../../electron/services/assisted/client';
import { AccessTokenProvider } from '../../../electron/services/credentials/access-token-provider';
import { CredentialsVault } from '../../../electron/services/credentials/credentials-vault';
import { MemorySecretStore } from '../../../electron/services/secrets/secret-store';
import { systemClock } from '../../../electron/services/clock';
import { openKubeAccess } from '../../../electron/services/cluster/kube-access';
import { startKubeApiSimulator, type KubeApiSimulator } from '../../../electron/services/simulators/kube-api-simulator';
import { ArtifactService } from '../../../electron/services/artifacts/artifact-service';
import { startWorld, type AssistedWorld } from '../assisted/fixture';
import { fastEngine } from '../artifacts/helpers';
import { startProxyStandIn, type ProxyStandIn } from './connect-proxy';
import { startTlsFileServer, type TlsFileServer } from './tls-file-server';

let proxy: ProxyStandIn;
let files: TlsFileServer;
let world: AssistedWorld;
let kube: KubeApiSimulator;
let dir: string;
let caPath: string;
let kubeconfig: string;
const networks: Network[] = [];

function network(options: Parameters<typeof createNetwork>[0]): Network {
  const n = createNetwork(options);
  networks.push(n);
  return n;
}

/** What the proxy saw since `from`. */
const seenSince = (from: number) => proxy.seen.slice(from);

beforeAll(async () => {
  [proxy, files, world, kube] = await Promise.all([startProxyStandIn(), startTlsFileServer(), startWorld(), startKubeApiSimulator()]);
  dir = mkdtempSync(join(tmpdir(), 'sfk-net-'));
  caPath = join(dir, 'extra-ca.pem');
  writeFileSync(caPath, files.caPem);
  kubeconfig = join(dir, 'kubeconfig');
  kube.writeKubeconfig(kubeconfig);
});
afterAll(async () => {
  await Promise.all(networks.map((n) => n.close()));
  await Promise.all([proxy?.close(), files?.close(), world?.close(), kube?.close()]);
});

async function assistedClient(net: Network): Promise<AssistedClient> {
  const vault = new CredentialsVault(new MemorySecretStore());
  await vault.saveOfflineToken(world.offlineToken);
  const tokens = new AccessTokenProvider({ vault, ssoUrl: () => world.sso.tokenUrl, clock: systemClock, fetch: fetchVia(() => net) });
  return new AssistedClient({ apiUrl: () => world.assisted.url, tokens, network: net, retryLimit: 0 });
}

describe('HTTPS_PROXY / HTTP_PROXY (browser host and CLI)', () => {
  const env = () => ({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url });

  it('sends sign-in and the Assisted API (http: absolute-form) through the proxy', async () => {
    const from = proxy.seen.length;
    const client = await assistedClient(network({ proxy: { env: env() } }));
    const versions = await client.componentVersions();
    expect(Object.keys(versions.versions ?? {}).length).toBeGreaterThan(0);
    const seen = seenSince(from);
    expect(seen).toContain(`POST ${world.sso.tokenUrl}`);
    expect(seen).toContain(`GET ${world.assisted.url}/api/assisted-install/v2/component-versions`);
  });

  it('resumes a cut download with Range through a CONNECT tunnel and verifies it', async () => {
    const from = proxy.seen.length;
    const net = network({ proxy: { env: env() }, extraCaPath: () => caPath });
    const dataDir = mkdtempSync(join(dir, 'art-'));
    const service = new ArtifactService({ cacheDir: () => join(dataDir, 'cache'), dataDir, engine: { ...fastEngine, network: net } });
    const url = `https://localhost:${files.port}/file.bin`;
    const artifact = await service.download({ url, sha256: files.sha256, kind: 'file' });
    expect(artifact.sha256).toBe(files.sha256);
    expect(files.ranges.slice(-2)).toEqual(['', `bytes=${files.body.length / 2}-`]);
    expect(seenSince(from)).toEqual([`CONNECT localhost:${files.port}`, `CONNECT localhost:${files.port}`]);
  });

  it('sends Kubernetes calls (worker.ign, CSRs) through the proxy', async () => {
    const from = proxy.seen.length;
    const access = await openKubeAccess({ kubeconfigPath: kubeconfig, network: network({ proxy: { env: env() } }) });
    expect((await access.listNodes()).items).toBeInstanceOf(Array);
    expect(seenSince(from)).toEqual([`CONNECT ${new URL(kube.url).host}`]);
  });

  it('goes direct for NO_PROXY hosts and through the proxy for the others, per URL', async () => {
    const from = proxy.seen.length;
    const net = network({ proxy: { env: { ...env(), NO_PROXY: '127.0.0.1' } }, extraCaPath: () => caPath });
    expect((await net.fetch(`https://127.0.0.1:${files.port}/direct`)).status).toBe(200);
    expect((await net.fetch(`https://localhost:${files.port}/proxied`)).status).toBe(200);
    const access = await openKubeAccess({ kubeconfigPath: kubeconfig, network: net });
    await access.listNodes();
    expect(seenSince(from)).toEqual([`CONNECT localhost:${files.port}`]);
  });

  it('follows undici’s NO_PROXY rules: names, domain suffixes, IPs, host:port and "*"', async () => {
    const noProxy = 'localhost,.internal.example,10.0.0.5,mirror.lab:8443';
    const net = network({ proxy: { env: { HTTPS_PROXY: proxy.url, NO_PROXY: noProxy } }, connectTimeoutMs: 500 });
    const tried = async (url: string) => {
      const from = proxy.seen.length;
      await net.fetch(url, { signal: AbortSignal.timeout(3000) }).then(
        (r) => r.body?.cancel(),
        () => undefined,
      );
      return seenSince(from);
    };
    expect(await tried('https://mirror.openshift.com/x')).toEqual(['CONNECT mirror.openshift.com:443']);
    expect(await tried('https://a.internal.example/x')).toEqual([]);
    expect(await tried('https://internal.example/x')).toEqual([]);
    expect(await tried('https://10.0.0.5/x')).toEqual([]);
    expect(await tried('https://mirror.lab:8443/x')).toEqual([]);
    expect(await tried('https://mirror.lab/x')).toEqual(['CONNECT mirror.lab:443']);
    expect(await tried('http://plain.example/x')).toEqual([]); // no HTTP_PROXY set
    const lower = network({ proxy: { env: { https_proxy: `127.0.0.1:${proxy.port}` } }, connectTimeoutMs: 500 });
    const from = proxy.seen.length;
    await lower.fetch('https://x.example/', { signal: AbortSignal.timeout(3000) }).catch(() => undefined);
    expect(seenSince(from)).toEqual(['CONNECT x.example:443']);
    const star = network({ proxy: { env: { HTTPS_PROXY: proxy.url, NO_PROXY: '*' } }, connectTimeoutMs: 500 });
    const before = proxy.seen.length;
    await star.fetch('https://any.example/', { signal: AbortSignal.timeout(3000) }).catch(() => undefined);
    expect(seenSince(before)).toEqual([]);
  });
});

describe('an injected ProxyResolver (the desktop app: Chromium, PAC included)', () => {
  it('is asked per URL: "PROXY host:port" goes through that proxy, "DIRECT" goes straight', async () => {
    const asked: string[] = [];
    const resolver = {
      resolveProxy: async (url: string) => {
        asked.push(url);
        return new URL(url).hostname === 'localhost' || url.startsWith(kube.url) ? `PROXY 127.0.0.1:${proxy.port}; DIRECT` : 'DIRECT';
      },
    };
    const net = network({ proxy: { resolver }, extraCaPath: () => caPath });
    const from = proxy.seen.length;
    expect((await net.fetch(`https://localhost:${files.port}/a`)).status).toBe(200);
    expect((await net.fetch(`https://127.0.0.1:${files.port}/b`)).status).toBe(200);
    const access = await openKubeAccess({ kubeconfigPath: kubeconfig, network: net });
    await access.listNodes();
    const client = await assistedClient(net);
    await client.componentVersions();
    expect(seenSince(from)).toEqual([`CONNECT localhost:${files.port}`, `CONNECT ${new URL(kube.url).host}`]);
    expect(asked).toEqual(expect.arrayContaining([`https://localhost:${files.port}/a`, `https://127.0.0.1:${files.port}/b`, `${kube.url}/api/v1/nodes`]));
    expect(asked.some((u) => u.startsWith(world.assisted.url))).toBe(true);
  });

  it('treats a failing resolver as DIRECT, as Chromium does for a broken PAC script', async () => {
    const net = network({ proxy: { resolver: { resolveProxy: () => Promise.reject(new Error('PAC script error')) } }, extraCaPath: () => caPath });
    const from = proxy.seen.length;
    expect((await net.fetch(`https://127.0.0.1:${files.port}/c`)).status).toBe(200);
    expect(seenSince(from)).toEqual([]);
  });
});

describe('trust', () => {
  it('refuses a server signed by an unknown CA with a TLS message, and trusts it with the extra CA bundle', async () => {
    const url = `https://127.0.0.1:${files.port}/t`;
    const without = network({ proxy: { env: {} } });
    const err = await without.fetch(url).then(
      () => undefined,
      (e: unknown) => networkError(e, url),
    );
    expect(err?.code).toBe('common.tls');
    const withCa = network({ proxy: { env: {} }, extraCaPath: () => caPath });
    expect((await withCa.fetch(url)).status).toBe(200);
  });
});
