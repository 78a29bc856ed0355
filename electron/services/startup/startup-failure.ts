import { AppError } from '../../../shared/api/errors';
import { translate, type Language } from '../../../shared/i18n/translate';
import { redact } from '../../../shared/redact';
import { createFileLogger } from '../logging/logger';
import { appLogPath } from '../paths';

export interface StartupFailureMessage {
  title: string;
  body: string;
}

/**
 * What the desktop app shows when it cannot start (a native error dialog, since there is no
 * window yet): the reason in the technician's language and where the log is. Pure, so the text is
 * tested without Electron; electron/main.ts only shows it.
 */
export function startupFailureMessage(err: unknown, logPath: string, lang: Language): StartupFailureMessage {
  const reason = err instanceof AppError ? err.localized(lang) : err instanceof Error ? err.message : String(err);
  return {
    title: translate(lang, 'app.startup.failedTitle'),
    body: translate(lang, 'app.startup.failedBody', { reason: redact(reason).slice(0, 2000), log: logPath }),
  };
}

/** Records the failure in the log (when the folder can be written) and returns the message to show. */
export function reportStartupFailure(err: unknown, dataDir: string, lang: Language): StartupFailureMessage {
  const logPath = appLogPath(dataDir);
  try {
    createFileLogger(logPath).error('startup failed', {
      error: err instanceof Error ? err.message : String(err),
      ...(err instanceof AppError ? { code: err.code } : {}),
      ...(err instanceof Error && err.stack ? { stack: err.stack } : {}),
    });
  } catch {
    /* the log folder itself may be what failed; the dialog still names it */
  }
  return startupFailureMessage(err, logPath, lang);
}
