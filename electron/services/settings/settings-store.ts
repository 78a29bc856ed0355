import Conf from 'conf';
import { accessSync, constants, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { settingsSchema, type Settings } from '../../../shared/api/domains/app';
import { AppError } from '../../../shared/api/errors';
import { parseUrl } from '../../../shared/url';
import { jsonProblem, type ParseProblem } from '../../../shared/parse/parse-problem';

/** A settings file that was not JSON: where and what was wrong, and where the file was moved. */
export type DamagedSettings = ParseProblem & { keptAs: string };

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
export function createSettingsStore(dataDir: string, overrides: Partial<Settings> = {}, onDamaged?: (damaged: DamagedSettings) => void): SettingsStore {
  const conf = openConf(dataDir, onDamaged);
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
      checkPatch(patch);
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

/**
 * A settings file that is not JSON (hand-edited, half-written by a full disk) would stop the app
 * from starting: it is set aside as settings.json.damaged-<time> and the app starts on defaults.
 * The caller hears where and what was wrong, never the content.
 */
function openConf(dataDir: string, onDamaged?: (damaged: DamagedSettings) => void): Conf<{ settings: Settings }> {
  const open = () => {
    const conf = new Conf<{ settings: Settings }>({ cwd: dataDir, configName: 'settings', projectName: 'sno-field-kit', defaults: { settings: DEFAULT_SETTINGS } });
    conf.get('settings');
    return conf;
  };
  try {
    return open();
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    const file = join(dataDir, 'settings.json');
    const problem = jsonProblem(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), file);
    const keptAs = `${file}.damaged-${Date.now()}`;
    renameSync(file, keptAs);
    onDamaged?.({ ...problem, keptAs });
    return open();
  }
}

/** Specific messages for the two things technicians type: URLs and the cache folder. */
function checkPatch(patch: Partial<Settings>): void {
  for (const value of [patch.apiUrl, patch.ssoUrl]) {
    if (value === undefined) continue;
    const url = parseUrl(value.trim());
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) throw new AppError('settings.invalidUrl', { value: value.slice(0, 200) });
  }
  const dir = patch.cacheDir?.trim();
  if (dir) {
    try {
      if (!isAbsolute(dir)) throw Object.assign(new Error('not an absolute path'), { code: 'not an absolute path' });
      mkdirSync(dir, { recursive: true });
      accessSync(dir, constants.W_OK);
    } catch (err) {
      throw new AppError('settings.cacheDirNotWritable', { path: dir, reason: (err as NodeJS.ErrnoException).code ?? String(err) });
    }
  }
}
