export { translate, pickLanguage, resolveLanguage, languages, type Language, type LanguageSetting } from './translate';
export { catalogues } from './catalogues';
export type { CatalogShape } from './catalog-type';
