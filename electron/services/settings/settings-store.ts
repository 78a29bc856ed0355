import Conf from 'conf';
import { settingsSchema, type Settings } from '../../../shared/api/domains/app';

export const DEFAULT_SETTINGS: Settings = {
  apiUrl: 'https://api.openshift.com',
  ssoUrl: 'https://sso.redhat.com/auth/realms/redhat-external/protocol/openid-connect/token',
  language: 'auto',
  cacheDir: '',
};

export interface SettingsStore {
  get(): Settings;
  update(patch: Partial<Settings>): Settings;
  onChange(listener: (settings: Settings) => void): () => void;
}

/**
 * Settings live in a JSON file in the app's data folder. The services use `conf` directly (the
 * Electron app would use electron-store, which is conf plus an electron import) with the folder
 * injected, so they run the same under plain Node. Never put a secret here.
 */
export function createSettingsStore(dataDir: string, overrides: Partial<Settings> = {}): SettingsStore {
  const conf = new Conf<{ settings: Settings }>({
    cwd: dataDir,
    configName: 'settings',
    projectName: 'sno-field-kit',
    defaults: { settings: DEFAULT_SETTINGS },
  });
  const listeners = new Set<(s: Settings) => void>();
  // A hand-edited or older file is repaired field by field rather than rejected as a whole.
  const read = (): Settings => {
    const stored = { ...DEFAULT_SETTINGS, ...(conf.get('settings') as Partial<Settings>), ...overrides };
    const parsed = settingsSchema.safeParse(stored);
    if (parsed.success) return parsed.data;
    const repaired = { ...DEFAULT_SETTINGS };
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
      const one = settingsSchema.shape[key].safeParse(stored[key]);
      if (one.success) (repaired as Record<string, unknown>)[key] = one.data;
    }
    return repaired;
  };
  return {
    get: read,
    update(patch) {
      const next = settingsSchema.parse({ ...read(), ...patch });
      conf.set('settings', next);
      for (const l of listeners) l(next);
      return next;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
