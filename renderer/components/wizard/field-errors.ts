/**
 * The one place where a refusal becomes messages at form fields: contract validation (common.invalidInput
 * with the fields it names), a service error whose code belongs to one field (e.g. a version too old),
 * and validator issues (shared/network/issue.ts). Each message is an i18n key with params, so it shows
 * in the UI language and says what is wrong and what to do; nothing of the schema library's raw
 * output reaches the screen.
 */
import { errorKey, type WireError } from '../../../shared/api/errors';
import type { Issue } from '../../../shared/network/issue';

export interface FieldMessage {
  key: string;
  params?: Record<string, string | number | boolean>;
  severity?: 'error' | 'warning';
}

export interface FieldErrorMap {
  /** Contract input path (e.g. `openshiftClusterId`, or a prefix such as `input.hosts`) -> form field id */
  paths?: Record<string, string>;
  /** Error code -> form field id, for service errors about one value */
  codes?: Record<string, string>;
}

export interface PlacedErrors {
  byField: Record<string, FieldMessage[]>;
  /** What belongs to no field: shown once, above the footer */
  unplaced: unknown;
}

const ZOD_CODE_KEYS: Record<string, string> = {
  too_small: 'app.fieldErrors.required',
  invalid_type: 'app.fieldErrors.required',
  invalid_format: 'app.fieldErrors.format',
  invalid_string: 'app.fieldErrors.format',
  too_big: 'app.fieldErrors.tooLong',
};

function fieldOfPath(path: string, paths: Record<string, string>): string | undefined {
  const match = Object.keys(paths)
    .filter((p) => path === p || path.startsWith(`${p}.`))
    .sort((a, b) => b.length - a.length)[0];
  return match === undefined ? undefined : paths[match];
}

function push(out: Record<string, FieldMessage[]>, field: string, message: FieldMessage): void {
  const list = (out[field] ??= []);
  if (!list.some((m) => m.key === message.key && JSON.stringify(m.params) === JSON.stringify(message.params))) list.push(message);
}

/** Places an API error at the fields it is about; whatever cannot be placed stays one error. */
export function placeError(error: unknown, map: FieldErrorMap): PlacedErrors {
  const wire = error as Partial<WireError> | null;
  if (!wire || typeof wire.code !== 'string') return { byField: {}, unplaced: error ?? null };
  const byField: Record<string, FieldMessage[]> = {};
  const codeField = map.codes?.[wire.code];
  if (codeField) {
    push(byField, codeField, { key: errorKey(wire.code), ...(wire.params ? { params: wire.params } : {}) });
    return { byField, unplaced: null };
  }
  if (wire.code === 'common.invalidInput') {
    const fields = (wire.details as { fields?: { path: string; code: string }[] } | undefined)?.fields ?? [];
    const placed = fields.map((f) => ({ field: fieldOfPath(f.path, map.paths ?? {}), code: f.code }));
    if (placed.length > 0 && placed.every((p) => p.field !== undefined)) {
      for (const p of placed) push(byField, p.field!, { key: ZOD_CODE_KEYS[p.code] ?? 'app.fieldErrors.invalid' });
      return { byField, unplaced: null };
    }
  }
  return { byField, unplaced: error };
}

/** Validator issues at their fields (by model path prefix); issues of no listed field are returned apart. */
export function placeIssues(issues: readonly Issue[], paths: Record<string, string>): { byField: Record<string, FieldMessage[]>; rest: Issue[] } {
  const byField: Record<string, FieldMessage[]> = {};
  const rest: Issue[] = [];
  for (const i of issues) {
    const field = i.path === undefined ? undefined : fieldOfPath(i.path, paths);
    if (field === undefined) rest.push(i);
    else push(byField, field, { key: i.key, ...(i.params ? { params: i.params } : {}), ...(i.severity ? { severity: i.severity } : {}) });
  }
  return { byField, rest };
}

/** Both kinds together, e.g. what the technician typed and what the service then refused. */
export function mergeFieldMessages(...maps: Record<string, FieldMessage[]>[]): Record<string, FieldMessage[]> {
  const out: Record<string, FieldMessage[]> = {};
  for (const m of maps) for (const [field, list] of Object.entries(m)) for (const msg of list) push(out, field, msg);
  return out;
}

export const hasFieldError = (byField: Record<string, FieldMessage[]>, field: string): boolean => (byField[field] ?? []).some((m) => m.severity !== 'warning');
