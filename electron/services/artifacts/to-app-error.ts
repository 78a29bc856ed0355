import { AppError } from '../../../shared/api/errors';
import { redact } from '../../../shared/redact';

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new AppError('common.unexpected', { message: redact(err instanceof Error ? err.message : String(err)).slice(0, 300) });
}
