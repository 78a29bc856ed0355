import { catalogues } from './catalogues';

export const languages = ['en', 'zh-CN'] as const;
export type Language = (typeof languages)[number];
export type LanguageSetting = Language | 'auto';

/** The OS/browser locale list -> our language: any Chinese locale gets zh-CN, everything else English. */
export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export function resolveLanguage(setting: LanguageSetting, preferred: readonly string[]): Language {
  return setting === 'auto' ? pickLanguage(preferred) : setting;
}

/**
 * Looks a dotted key up and fills `{{name}}` placeholders, the same syntax i18next uses in the
 * renderer, so main-process messages (errors, CLI, dialogs) read the same catalogue.
 */
export function translate(lang: Language, key: string, params: Record<string, unknown> = {}): string {
  const template = lookup(catalogues[lang], key) ?? lookup(catalogues.en, key);
  if (template === undefined) return key;
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => (name in params ? String(params[name]) : `{{${name}}}`));
}

function lookup(tree: unknown, key: string): string | undefined {
  let node: unknown = tree;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}
