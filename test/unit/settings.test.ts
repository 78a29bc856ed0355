import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSettingsStore, DEFAULT_SETTINGS } from '../../electron/services/settings/settings-store';
import { startTestBackend } from '../support/backend';

const dir = () => mkdtempSync(join(tmpdir(), 'sfk-settings-'));

describe('settings', () => {
  it('defaults to the Red Hat endpoints and follows the OS language', () => {
    expect(createSettingsStore(dir()).get()).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.apiUrl).toBe('https://api.openshift.com');
    expect(DEFAULT_SETTINGS.ssoUrl).toBe('https://sso.redhat.com/auth/realms/redhat-external/protocol/openid-connect/token');
  });

  it('persists changes and announces them', () => {
    const d = dir();
    const store = createSettingsStore(d);
    const seen: string[] = [];
    store.onChange((s) => seen.push(s.language));
    store.update({ language: 'zh-CN', apiUrl: 'https://assisted.example.local' });
    expect(createSettingsStore(d).get()).toMatchObject({ language: 'zh-CN', apiUrl: 'https://assisted.example.local' });
    expect(seen).toEqual(['zh-CN']);
    expect(JSON.parse(readFileSync(join(d, 'settings.json'), 'utf8'))).toHaveProperty('settings.language', 'zh-CN');
  });

  it('under overrides (practice mode) saves only what the technician chose, and says which value applies after', () => {
    const d = dir();
    const practice = { apiUrl: 'http://127.0.0.1:4567', ssoUrl: 'http://127.0.0.1:4568/token' };
    const session = createSettingsStore(d, practice);
    const cacheDir = join(d, 'cache');
    // The form sends back every field it shows, the override in use among them.
    session.update({ apiUrl: practice.apiUrl, ssoUrl: practice.ssoUrl, cacheDir });
    session.update({ apiUrl: 'https://assisted.example.local' });
    // Reloaded in the same mode: the override is still in use, and the technician's value is what was saved.
    const reloaded = createSettingsStore(d, practice);
    expect(reloaded.get()).toMatchObject({ ...practice, cacheDir });
    expect(reloaded.overridden()).toEqual([
      { key: 'apiUrl', saved: 'https://assisted.example.local' },
      { key: 'ssoUrl', saved: DEFAULT_SETTINGS.ssoUrl },
    ]);
    // Outside practice mode the saved values apply; the simulator's URLs never reached the file.
    expect(createSettingsStore(d).get()).toEqual({ ...DEFAULT_SETTINGS, apiUrl: 'https://assisted.example.local', cacheDir });
    expect(readFileSync(join(d, 'settings.json'), 'utf8')).not.toContain('127.0.0.1');
    expect(createSettingsStore(d).overridden()).toEqual([]);
  });

  it('repairs a damaged field instead of losing every setting', () => {
    const d = dir();
    writeFileSync(join(d, 'settings.json'), JSON.stringify({ settings: { language: 'klingon', apiUrl: 'https://mine.example' } }));
    expect(createSettingsStore(d).get()).toMatchObject({ language: 'auto', apiUrl: 'https://mine.example' });
  });

  it('answers a bad URL or an unwritable cache folder with a specific message, changing nothing', async () => {
    const { api, backend } = await startTestBackend();
    await expect(api.call('settings.update', { apiUrl: 'api.openshift.com' })).rejects.toMatchObject({ code: 'settings.invalidUrl', params: { value: 'api.openshift.com' } });
    await expect(api.call('settings.update', { ssoUrl: 'ftp://x' })).rejects.toMatchObject({ code: 'settings.invalidUrl' });
    await expect(api.call('settings.update', { cacheDir: 'relative/path' })).rejects.toMatchObject({ code: 'settings.cacheDirNotWritable' });
    // root ignores permission bits, so use a path under a regular file instead
    const file = join(dir(), 'file');
    writeFileSync(file, '');
    await expect(api.call('settings.update', { cacheDir: join(file, 'cache') })).rejects.toMatchObject({ code: 'settings.cacheDirNotWritable', params: { reason: 'ENOTDIR' } });
    expect((await api.call('settings.get')).apiUrl).toBe(DEFAULT_SETTINGS.apiUrl);
    const okDir = join(dir(), 'cache');
    expect((await api.call('settings.update', { cacheDir: okDir })).cacheDir).toBe(okDir);
    expect((await api.call('app.info')).cacheDir).toBe(okDir);
    await backend.dispose();
  });

  it('opens only allow-listed external pages', async () => {
    const { api, backend } = await startTestBackend();
    expect(await api.call('app.openExternal', { url: 'https://console.redhat.com/openshift/token' })).toEqual({ opened: true });
    await expect(api.call('app.openExternal', { url: 'https://evil.example/' })).rejects.toMatchObject({ code: 'settings.externalNotAllowed' });
    await backend.dispose();
  });
});
