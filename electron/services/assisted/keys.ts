/**
 * The service speaks snake_case JSON; @openshift-assisted/types (the Assisted Installer UI's types)
 * are camelCase, as the UI converts keys at its HTTP boundary. We do the same, only on object keys
 * that contain underscores or capitals — JSON-string fields (inventory, validations_info) stay as-is.
 */

const toCamel = (key: string) => key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
const toSnake = (key: string) => key.replace(/([A-Z])/g, (_m, c: string) => `_${c.toLowerCase()}`);

/** Maps whose keys are data, not field names (component names, registries, label keys) */
const opaqueMaps = new Set(['versions', 'auths']);

function convert(value: unknown, keyFn: (k: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => convert(v, keyFn));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const key = keyFn(k);
    out[key] = opaqueMaps.has(k) ? v : convert(v, keyFn);
  }
  return out;
}

export function camelKeys<T>(value: unknown): T {
  return convert(value, toCamel) as T;
}

export function snakeKeys(value: unknown): unknown {
  return convert(value, toSnake);
}
