import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startKeyringSession, type KeyringSession } from '../support/keyring-session';
import { startHost, type RunningHost } from '../support/host';
import { launchChromium, openApp } from '../support/browser';
import { startSsoSimulator, fakeJwt, type SsoSimulator } from '../../electron/services/simulators/sso-simulator';
import { startAssistedSimulator, type AssistedSimulator } from '../../electron/services/simulators/assisted-simulator';
import { systemClock } from '../../electron/services/clock';

const TOKEN = fakeJwt({ typ: 'Offline', sub: 'e2e-technician' });

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('credentials end to end (Chromium → browser host → keychain → SSO and Assisted stand-ins)', () => {
  let keyring: KeyringSession;
  let sso: SsoSimulator;
  let assisted: AssistedSimulator;
  let host: RunningHost;
  let browser: Browser;
  let page: Page;
  const hostArgs = () => ['--sso-url', sso.tokenUrl, '--api-url', assisted.url];

  beforeAll(async () => {
    keyring = await startKeyringSession();
    sso = await startSsoSimulator({ clock: systemClock });
    sso.registerOfflineToken(TOKEN);
    assisted = await startAssistedSimulator({ validateToken: (t) => sso.validateAccessToken(t) });
    host = await startHost({ env: keyring.env, args: hostArgs() });
    browser = await launchChromium();
    page = await openApp(browser, host.url, '/settings');
    page.on('dialog', (dialog) => void dialog.accept());
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await assisted?.close();
    await sso?.close();
    keyring?.stop();
  });

  it('refuses something that is not an offline token, with a clear message', async () => {
    await page.getByTestId('offline-token').fill('{"auths":{}}');
    await page.getByTestId('save-credentials').click();
    const alert = page.getByTestId('error-alert');
    await expect.poll(() => alert.getAttribute('data-error-code')).toBe('credentials.malformedToken');
    expect(await alert.textContent()).toContain('does not look like an offline token');
  });

  it('saves a pasted token to the keychain and tests access', async () => {
    await page.getByTestId('offline-token').fill(`${TOKEN}\n`);
    await page.getByTestId('save-credentials').click();
    const status = page.getByTestId('credentials-status');
    await expect.poll(() => status.getAttribute('data-kind')).toBe('offlineToken');
    expect(await status.textContent()).toContain(TOKEN.slice(-4));
    expect(await status.textContent()).toContain('system keychain');
    await page.getByTestId('test-access').click();
    await page.getByTestId('access-ok').waitFor();
    expect(await page.getByTestId('access-ok').textContent()).toContain('v2.40.0-simulated');
    expect(sso.exchanges.map((e) => e.grantType)).toEqual(['refresh_token']);
  });

  it('never writes the token to the data folder (settings, jobs, logs)', () => {
    for (const file of filesUnder(host.dataDir)) {
      expect(readFileSync(file, 'utf8'), file).not.toContain(TOKEN);
    }
  });

  it('still has the token after the host restarts (it lives in the keychain)', async () => {
    await host.stop();
    host = await startHost({ env: keyring.env, args: hostArgs(), dataDir: host.dataDir });
    await page.goto(`${host.url}#/settings`);
    const status = page.getByTestId('credentials-status');
    await expect.poll(() => status.getAttribute('data-kind')).toBe('offlineToken');
    await page.getByTestId('test-access').click();
    await page.getByTestId('access-ok').waitFor();
  });

  it('reports a revoked token in the technician’s language', async () => {
    sso.revokeOfflineToken(TOKEN);
    sso.revokeAccessTokens();
    await page.getByTestId('language-select').selectOption('zh-CN');
    await expect.poll(() => page.locator('h2').first().textContent()).toBe('设置');
    await page.getByTestId('test-access').click();
    const alert = page.getByTestId('error-alert');
    await expect.poll(() => alert.getAttribute('data-error-code')).toBe('credentials.tokenRejected');
    expect(await alert.textContent()).toContain('令牌已过期或已被吊销');
    await page.getByTestId('language-select').selectOption('en');
    await expect.poll(() => page.locator('h2').first().textContent()).toBe('Settings');
  });

  it('forgets the credential: removed from the keychain, also after a restart', async () => {
    await page.getByTestId('forget-credentials').click();
    const status = page.getByTestId('credentials-status');
    await expect.poll(() => status.getAttribute('data-kind')).toBe('none');
    await host.stop();
    host = await startHost({ env: keyring.env, args: hostArgs(), dataDir: host.dataDir });
    await page.goto(`${host.url}#/settings`);
    await expect.poll(() => page.getByTestId('credentials-status').getAttribute('data-kind')).toBe('none');
  });
});
