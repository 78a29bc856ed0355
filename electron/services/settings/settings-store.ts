import Conf from 'conf';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { settingsSchema, type Settings } from '../../../shared/api/domains/app';
import type { DamagedFile } from '../../../shared/api/domains/damaged-file';
import { AppError } from '../../../shared/api/errors';
import { parseUrl } from '../../../shared/url';
import { inspectFileSync, keepAsideSync } from '../fs/damaged-file';

export const DEFAULT_SETTINGS: Settings = {
  apiUrl: 'https://api.openshift.com',
  ssoUrl: 'https://sso.redhat.com/auth/realms/redhat-external/protocol/openid-connect/token',
  language: 'auto',
  cacheDir: '',
};

export interface SettingsStore {
  get(): Settings;
  /** Set when settings.json could not be read and was kept aside: the defaults are in use */
  damaged(): DamagedFile | null;
  update(patch: Partial<Settings>): Settings;
  /** The settings this session uses in place of the saved ones (practice mode, --api-url), with the saved value that applies again without them. */
  overridden(): { key: keyof Settings; saved: string }[];
  onChange(listener: (settings: Settings) => void): () => void;
}

/**
 * Settings live in a JSON file in the app's data folder. The services use `conf` directly (the
 * Electron app would use electron-store, which is conf plus an electron import) with the folder
 * injected, so they run the same under plain Node. Never put a secret here. A file that is not
 * a JSON object (empty after a power cut, garbage) is kept aside and the defaults are used, so the
 * app still starts; the Settings page says so.
 */
export function createSettingsStore(dataDir: string, overrides: Partial<Settings> = {}, now: () => number = Date.now): SettingsStore {
  const file = join(dataDir, 'settings.json');
  let damaged: DamagedFile | null = null;
  const keepDamagedAside = (): boolean => {
    const inspected = inspectFileSync(file, z.record(z.string(), z.unknown()));
    if (inspected.state === 'ok' || inspected.problem === 'missing') return false;
    const keptAs = keepAsideSync(file, now());
    damaged = { problem: inspected.problem, ...(inspected.detail ? { detail: inspected.detail } : {}), ...(keptAs ? { keptAs } : {}) };
    return true;
  };
  keepDamagedAside();
  const conf = new Conf<{ settings: Settings }>({
    cwd: dataDir,
    configName: 'settings',
    projectName: 'sno-field-kit',
    defaults: { settings: DEFAULT_SETTINGS },
  });
  const listeners = new Set<(s: Settings) => void>();
  // Damaged while running (a hand edit): the same as at start, once, rather than failing every call.
  const storedSettings = (): Partial<Settings> => {
    try {
      return conf.get('settings') as Partial<Settings>;
    } catch (err) {
      if (!keepDamagedAside()) throw err;
      return conf.get('settings') as Partial<Settings>;
    }
  };
  /** What is in the file (repaired), without this session's overrides. */
  const saved = (): Settings => repair({ ...DEFAULT_SETTINGS, ...storedSettings() });
  const read = (): Settings => repair({ ...saved(), ...overrides });
  return {
    get: () => read(),
    damaged: () => damaged,
    update(patch) {
      checkPatch(patch);
      // Only the technician's values go to the file: an override (practice mode's simulator URL) must
      // neither be saved as theirs nor hide that their own value was kept. A form that sends back the
      // value in use for an overridden field is echoing the override, not choosing it.
      const own = Object.fromEntries(Object.entries(patch).filter(([key, value]) => value !== undefined && overrides[key as keyof Settings] !== value));
      const next = settingsSchema.parse({ ...saved(), ...own });
      conf.set('settings', next);
      const effective = read();
      for (const l of listeners) l(effective);
      return effective;
    },
    overridden() {
      const stored = saved();
      return (Object.keys(overrides) as (keyof Settings)[]).filter((key) => overrides[key] !== undefined).map((key) => ({ key, saved: stored[key] }));
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** A hand-edited or older file is repaired field by field rather than rejected as a whole. */
function repair(stored: Partial<Settings>): Settings {
  const parsed = settingsSchema.safeParse(stored);
  if (parsed.success) return parsed.data;
  const repaired = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const one = settingsSchema.shape[key].safeParse(stored[key]);
    if (one.success) (repaired as Record<string, unknown>)[key] = one.data;
  }
  return repaired;
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
