import { z } from 'zod';
import { translate, type Language } from '../i18n/translate';
import { redact } from '../redact';

/**
 * The one error type that crosses every transport. `code` is `<namespace>.<name>` and names the
 * i18n key `<namespace>.errors.<name>`, so each side can show the message in its own language.
 * `params` fill the message's placeholders and must never hold a secret; as a second line of
 * defence every string param passes through `redact` (a reason copied from a library error, a URL).
 */
export const wireErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  details: z.unknown().optional(),
});
export type WireError = z.infer<typeof wireErrorSchema>;
export type ErrorParams = Record<string, string | number | boolean>;

export class AppError extends Error {
  readonly code: string;
  readonly params: ErrorParams;
  readonly details: unknown;

  constructor(code: string, params: ErrorParams = {}, details?: unknown) {
    const safe = redactParams(params);
    super(translate('en', errorKey(code), safe));
    this.name = 'AppError';
    this.code = code;
    this.params = safe;
    this.details = details;
  }

  toWire(): WireError {
    const wire: WireError = { code: this.code, message: this.message, params: this.params };
    if (this.details !== undefined) wire.details = this.details;
    return wire;
  }

  static fromWire(wire: WireError): AppError {
    return new AppError(wire.code, wire.params ?? {}, wire.details);
  }

  /** The same message in the technician's language. */
  localized(lang: Language): string {
    return translate(lang, errorKey(this.code), this.params);
  }
}

function redactParams(params: ErrorParams): ErrorParams {
  const out: ErrorParams = {};
  for (const [name, value] of Object.entries(params)) out[name] = typeof value === 'string' ? redact(value) : value;
  return out;
}

/** `credentials.tokenRejected` -> `credentials.errors.tokenRejected` */
export function errorKey(code: string): string {
  const dot = code.indexOf('.');
  if (dot < 0) return `common.errors.${code}`;
  return `${code.slice(0, dot)}.errors.${code.slice(dot + 1)}`;
}

/** Anything thrown becomes a WireError; unknown errors keep their message but lose their stack. */
export function toWireError(err: unknown): WireError {
  if (err instanceof AppError) return err.toWire();
  if (err instanceof z.ZodError) {
    // The first few are what a person can act on; a runaway input must not become a runaway message.
    const shown = err.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`);
    if (err.issues.length > shown.length) shown.push(`… ${err.issues.length - shown.length} more`);
    const issues = shown.join('; ');
    // Which field and what kind of problem, so a form can show a translated message at the field.
    const fields = err.issues.slice(0, 50).map((i) => ({ path: i.path.map(String).join('.'), code: i.code }));
    return new AppError('common.invalidInput', { issues }, { fields }).toWire();
  }
  const message = err instanceof Error ? err.message : String(err);
  return new AppError('common.unexpected', { message }).toWire();
}

export function isAppError(err: unknown, code?: string): err is AppError {
  return err instanceof AppError && (code === undefined || err.code === code);
}
