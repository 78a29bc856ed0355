import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSettingsStore, DEFAULT_SETTINGS } from '../../electron/services/settings/settings-store';
import { startTestBackend } from '../support/backend';

const dir = () => mkdtempSync(join(tmpdir(), 'sfk-settings-'));

/** Issue #13 item 5: a garbage settings.json stopped the host from starting. */
describe('a settings.json that cannot be read', () => {
  const cases: [string, string | Buffer, string][] = [
    ['empty', '', 'empty'],
    ['zeros from a power cut', Buffer.alloc(64), 'empty'],
    ['garbage', 'garbage{', 'notJson'],
    ['JSON that is not an object', 'null', 'invalid'],
    ['an array', '[1,2]', 'invalid'],
  ];
  for (const [what, content, problem] of cases) {
    it(`(${what}) is kept aside, the defaults are used, and the store says so`, () => {
      const d = dir();
      writeFileSync(join(d, 'settings.json'), content);
      const store = createSettingsStore(d);
      expect(store.get()).toEqual(DEFAULT_SETTINGS);
      const damaged = store.damaged();
      expect(damaged).toMatchObject({ problem, keptAs: expect.stringMatching(/settings\.json\.damaged-[\dT-]+Z-[0-9a-f]{6}$/) });
      expect(readFileSync(damaged!.keptAs!)).toEqual(Buffer.from(content));
      // Saving writes a fresh file; the kept copy stays.
      store.update({ language: 'zh-CN' });
      expect(createSettingsStore(d).get().language).toBe('zh-CN');
      expect(existsSync(damaged!.keptAs!)).toBe(true);
    });
  }

  it('a readable file is not reported', () => {
    const d = dir();
    createSettingsStore(d).update({ language: 'en' });
    expect(createSettingsStore(d).damaged()).toBeNull();
    expect(createSettingsStore(dir()).damaged()).toBeNull();
  });

  it('damaged while the app runs (a hand edit): the same, instead of every call failing', () => {
    const d = dir();
    const store = createSettingsStore(d);
    store.update({ apiUrl: 'https://assisted.example.local' });
    writeFileSync(join(d, 'settings.json'), '{"settings": ');
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.damaged()).toMatchObject({ problem: 'notJson' });
  });

  it('the backend starts and answers settings.damaged over the contract', async () => {
    const d = dir();
    writeFileSync(join(d, 'settings.json'), 'garbage{');
    const { api, backend } = await startTestBackend({ dataDir: d });
    try {
      expect(await api.call('settings.get')).toEqual(DEFAULT_SETTINGS);
      expect(await api.call('settings.damaged')).toMatchObject({ problem: 'notJson', keptAs: expect.stringContaining(join(d, 'settings.json.damaged-')) });
    } finally {
      await backend.dispose();
    }
  });
});
