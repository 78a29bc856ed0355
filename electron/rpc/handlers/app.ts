import { AppError } from '../../../shared/api/errors';
import { isAllowedExternalUrl, publishedLinks } from '../../../shared/external-links';
import type { HandlerGroup } from '../handler-types';
import type { Services } from '../../app/composition';

/** In practice mode, a link to OpenShift Cluster Manager (or the practice page itself) opens the practice page. */
function isPracticeStandIn(url: string, consoleUrl: string): boolean {
  return url === consoleUrl || url.startsWith(publishedLinks.ocmClusters);
}

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
      // Practice mode: the console's pages are the practice stand-in on 127.0.0.1, never the real console.
      const practiceUrl = s.practiceKit && isPracticeStandIn(url, s.practiceKit.consoleUrl) ? s.practiceKit.consoleUrl : undefined;
      if (practiceUrl) return { opened: await s.platform.openExternal(practiceUrl) };
      if (!isAllowedExternalUrl(url)) throw new AppError('settings.externalNotAllowed', { url: url.slice(0, 200) });
      return { opened: await s.platform.openExternal(url) };
    },
  };
}
