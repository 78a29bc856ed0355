import { pickLanguage, type Language } from '../../shared/i18n';

/** The language of a terminal program (CLI, browser host): SFK_LANG, then the POSIX locale variables. */
export function envLanguage(env: NodeJS.ProcessEnv): Language {
  return pickLanguage([env.SFK_LANG ?? '', env.LC_ALL ?? '', env.LC_MESSAGES ?? '', env.LANG ?? ''].filter(Boolean).map((l) => l.split('.')[0]!.replace('_', '-')));
}
