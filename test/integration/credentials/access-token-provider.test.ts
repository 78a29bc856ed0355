import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccessTokenProvider } from '../../../electron/services/credentials/access-token-provider';
import { CredentialsVault } from '../../../electron/services/credentials/credentials-vault';
import { createAuthorizedFetch } from '../../../electron/services/credentials/authorized-fetch';
import { checkAccess } from '../../../electron/services/credentials/access-check';
import { MemorySecretStore } from '../../../electron/services/secrets/secret-store';
import { startSsoSimulator, fakeJwt, type SsoSimulator } from '../../../electron/services/simulators/sso-simulator';
import { startAssistedSimulator, type AssistedSimulator } from '../../../electron/services/simulators/assisted-simulator';
import type { AppError } from '../../../shared/api/errors';
import { testClock } from '../../support/backend';

const OFFLINE = fakeJwt({ typ: 'Offline', sub: 'tech' });

describe('access tokens against the SSO stand-in', () => {
  let clock: ReturnType<typeof testClock>;
  let sso: SsoSimulator;
  let assisted: AssistedSimulator;
  let vault: CredentialsVault;
  let provider: AccessTokenProvider;

  beforeEach(async () => {
    clock = testClock();
    sso = await startSsoSimulator({ clock });
    assisted = await startAssistedSimulator({ validateToken: (t) => sso.validateAccessToken(t) });
    vault = new CredentialsVault(new MemorySecretStore());
    provider = new AccessTokenProvider({ vault, ssoUrl: () => sso.tokenUrl, clock });
  });
  afterEach(async () => {
    await assisted.close();
    await sso.close();
  });

  it('exchanges the offline token with the refresh_token grant as Red Hat SSO expects', async () => {
    sso.registerOfflineToken(OFFLINE);
    await vault.saveOfflineToken(`  ${OFFLINE}\n`);
    const token = await provider.token();
    expect(sso.validateAccessToken(token)).toBe('valid');
    expect(sso.exchanges).toEqual([{ grantType: 'refresh_token', at: clock.now() }]);
  });

  it('reuses the token, refreshes proactively at 10 minutes, before the 15-minute expiry', async () => {
    sso.registerOfflineToken(OFFLINE);
    await vault.saveOfflineToken(OFFLINE);
    const first = await provider.token();
    clock.advance(9 * 60_000);
    expect(await provider.token()).toBe(first);
    expect(provider.exchangeCount).toBe(1);
    clock.advance(61_000);
    const second = await provider.token();
    expect(second).not.toBe(first);
    expect(provider.exchangeCount).toBe(2);
    // the old one was still valid when replaced: no request ever carried an expired token
    expect(sso.validateAccessToken(first)).toBe('valid');
  });

  it('shares one in-flight exchange between concurrent callers', async () => {
    sso.registerOfflineToken(OFFLINE);
    await vault.saveOfflineToken(OFFLINE);
    const tokens = await Promise.all(Array.from({ length: 8 }, () => provider.token()));
    expect(new Set(tokens).size).toBe(1);
    expect(sso.exchanges).toHaveLength(1);
  });

  it('uses the client_credentials grant for a service account', async () => {
    sso.registerServiceAccount('sa-123', 'sa-secret');
    await vault.saveServiceAccount(' sa-123 ', 'sa-secret');
    await provider.token();
    expect(sso.exchanges.map((e) => e.grantType)).toEqual(['client_credentials']);
  });

  it('names a revoked token and a wrong service account differently', async () => {
    sso.registerOfflineToken(OFFLINE);
    sso.revokeOfflineToken(OFFLINE);
    await vault.saveOfflineToken(OFFLINE);
    await expect(provider.token()).rejects.toMatchObject({ code: 'credentials.tokenRejected' });
    await vault.saveServiceAccount('nobody', 'wrong');
    await expect(provider.token()).rejects.toMatchObject({ code: 'credentials.clientRejected' });
  });

  it('asks for credentials when none are stored', async () => {
    await expect(provider.token()).rejects.toMatchObject({ code: 'credentials.missing' });
  });

  it('retries once with a fresh token after a 401, and reports a second 401 as unauthorized', async () => {
    sso.registerOfflineToken(OFFLINE);
    await vault.saveOfflineToken(OFFLINE);
    const authorizedFetch = createAuthorizedFetch(provider);
    await provider.token();
    sso.revokeAccessTokens(); // the server forgets the cached access token (revoked, or a restart)
    const result = await checkAccess(assisted.url, authorizedFetch);
    expect(result.releaseTag).toMatch(/simulated/);
    expect(provider.exchangeCount).toBe(2);
    expect(assisted.requests.map((r) => r.status)).toEqual([401, 200]);

    // now the offline token itself is revoked: the fresh exchange fails at SSO
    sso.revokeAccessTokens();
    sso.revokeOfflineToken(OFFLINE);
    await expect(checkAccess(assisted.url, authorizedFetch)).rejects.toMatchObject({ code: 'credentials.tokenRejected' });
  });

  it('reports an account that is not entitled (403) without retrying', async () => {
    await assisted.close();
    assisted = await startAssistedSimulator({ validateToken: (t) => sso.validateAccessToken(t), notEntitled: () => true });
    sso.registerOfflineToken(OFFLINE);
    await vault.saveOfflineToken(OFFLINE);
    const err = (await checkAccess(assisted.url, createAuthorizedFetch(provider)).catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe('credentials.notEntitled');
    expect(err.params.reason).toContain('access review failed');
    expect(assisted.requests).toHaveLength(1);
  });

  it('reports a network failure as offline, naming only the host', async () => {
    sso.registerOfflineToken(OFFLINE);
    await vault.saveOfflineToken(OFFLINE);
    const port = sso.port;
    await sso.close();
    const err = (await provider.token().catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe('credentials.offline');
    expect(err.params.host).toBe(`127.0.0.1:${port}`);
    expect(err.message).toContain('Nothing was changed');
    expect(err.localized('zh-CN')).toContain('未做任何更改');
    sso = await startSsoSimulator({ clock }); // for afterEach
  });
});

describe('offline token input', () => {
  const vault = new CredentialsVault(new MemorySecretStore());
  it('accepts what technicians paste (spaces, newline, quotes) and refuses what is not a token', async () => {
    await vault.saveOfflineToken(`"${OFFLINE}"\n`);
    expect(await vault.load()).toEqual({ kind: 'offlineToken', token: OFFLINE });
    await expect(vault.saveOfflineToken('   ')).rejects.toMatchObject({ code: 'credentials.emptyToken' });
    await expect(vault.saveOfflineToken('{"auths":{"cloud.openshift.com":{"auth":"abc"}}}')).rejects.toMatchObject({ code: 'credentials.malformedToken' });
    await expect(vault.saveServiceAccount('id', ' ')).rejects.toMatchObject({ code: 'credentials.emptyClient' });
  });
  it('keeps one kind at a time and shows only a hint of the token', async () => {
    await vault.saveOfflineToken(OFFLINE);
    await vault.saveServiceAccount('sa-1', 'secret');
    const status = await vault.status();
    expect(status).toMatchObject({ kind: 'serviceAccount', clientId: 'sa-1', storage: 'memory' });
    expect(JSON.stringify(status)).not.toContain('secret');
    await vault.saveOfflineToken(OFFLINE);
    const again = await vault.status();
    expect(again.hint).toBe(OFFLINE.slice(-4));
    expect(JSON.stringify(again)).not.toContain(OFFLINE);
  });
});
