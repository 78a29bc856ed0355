/** The zh-CN catalogue must have exactly the English catalogue's keys: the compiler checks it. */
export type CatalogShape<T> = { readonly [K in keyof T]: T[K] extends string ? string : CatalogShape<T[K]> };
