import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogues } from '../shared/i18n';
import type { Language } from '../shared/i18n';

/** The renderer uses the same catalogues as the main process (shared/i18n), through react-i18next. */
export async function initI18n(language: Language): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: catalogues.en }, 'zh-CN': { translation: catalogues['zh-CN'] } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  return i18next;
}

export async function switchLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
