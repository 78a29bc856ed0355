import { z } from 'zod';
import { method, event } from '../define';
import { damagedFileSchema } from './damaged-file';

export const languageSettingSchema = z.enum(['auto', 'en', 'zh-CN']);

export const settingsSchema = z.object({
  /** Assisted Installer API base, e.g. https://api.openshift.com */
  apiUrl: z.url({ protocol: /^https?$/ }),
  /** Red Hat SSO token endpoint */
  ssoUrl: z.url({ protocol: /^https?$/ }),
  language: languageSettingSchema,
  /** Where ISOs and tools are cached; empty = the default folder under the app's data folder. */
  cacheDir: z.string(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const appInfoSchema = z.object({
  version: z.string(),
  platform: z.string(),
  arch: z.string(),
  /** 'electron' in the desktop app, 'browser' when served by the local browser host */
  shell: z.enum(['electron', 'browser']),
  systemLanguages: z.array(z.string()),
  dataDir: z.string(),
  cacheDir: z.string(),
  practiceMode: z.boolean(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const appMethods = {
  'app.info': method(z.void(), appInfoSchema),
  'settings.get': method(z.void(), settingsSchema),
  /** Set when settings.json could not be read at start: it was kept aside and the defaults are in use. */
  'settings.damaged': method(z.void(), damagedFileSchema.nullable()),
  /** Loose strings on purpose: the service checks them and answers with a specific, translated message. */
  'settings.update': method(z.object({ apiUrl: z.string().optional(), ssoUrl: z.string().optional(), language: languageSettingSchema.optional(), cacheDir: z.string().optional() }), settingsSchema),
  /**
   * Settings this session uses in place of the saved ones (practice mode's simulators, --api-url), with
   * the saved value that applies again without them: the Settings page shows these read-only.
   */
  'settings.overrides': method(z.void(), z.array(z.object({ key: settingsSchema.keyof(), saved: z.string() }))),
  /** Opens an allow-listed external page (Red Hat console, docs) in the system browser. */
  'app.openExternal': method(z.object({ url: z.url() }), z.object({ opened: z.boolean() })),
};

export const appEvents = {
  'settings.changed': event(settingsSchema),
};
