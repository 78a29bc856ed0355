import { AppError } from '../../../shared/api/errors';
import { isAllowedExternalUrl } from '../../../shared/external-links';
import type { HandlerGroup } from '../handler-types';
import type { Services } from '../services';

export function appHandlers(s: Services): HandlerGroup<'app.info' | 'settings.get' | 'settings.damaged' | 'settings.update' | 'settings.overrides' | 'app.openExternal'> {
  return {
    'app.info': () => ({
      version: s.platform.appVersion,
      platform: process.platform,
      arch: process.arch,
      shell: s.platform.shell,
      systemLanguages: s.platform.systemLanguages(),
      dataDir: s.dataDir,
      cacheDir: s.cacheDir(),
      practiceMode: s.practiceMode,
    }),
    'settings.get': () => s.settings.get(),
    'settings.damaged': () => s.settings.damaged(),
    'settings.overrides': () => s.settings.overridden(),
    'settings.update': (patch) => {
      const next = s.settings.update(patch);
      if (patch.ssoUrl !== undefined) s.tokens.clear();
      return next;
    },
    'app.openExternal': async ({ url }) => {
      if (!isAllowedExternalUrl(url)) throw new AppError('settings.externalNotAllowed', { url: url.slice(0, 200) });
      return { opened: await s.platform.openExternal(url) };
    },
  };
}
