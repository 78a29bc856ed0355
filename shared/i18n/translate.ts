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

const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;
// i18next nesting: `$t(common.parse.{{kind}})` is the message at that key, with the same params.
const NESTED = /\$t\(([\w.{} -]+)\)/g;

/**
 * Looks a dotted key up and fills `{{name}}` placeholders and `$t(key)` nestings, the same syntax
 * i18next uses in the renderer, so main-process messages (errors, CLI, dialogs) read the same
 * catalogue. Nestings are resolved in the template before the params go in, so a param's value
 * is never read as a nesting.
 */
export function translate(lang: Language, key: string, params: Record<string, unknown> = {}, depth = 0): string {
  const template = lookup(catalogues[lang], key) ?? lookup(catalogues.en, key);
  if (template === undefined) return key;
  const nested = depth < 3 ? template.replace(NESTED, (_, inner: string) => translate(lang, fill(inner, params), params, depth + 1)) : template;
  return fill(nested, params);
}

function fill(template: string, params: Record<string, unknown>): string {
  return template.replace(PLACEHOLDER, (_, name: string) => (name in params ? String(params[name]) : `{{${name}}}`));
}

function lookup(tree: unknown, key: string): string | undefined {
  let node: unknown = tree;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}
