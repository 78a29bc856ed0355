import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { redact, redactValue } from '../../../shared/redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * JSON-lines log in the data folder. Every message and field passes through `redact` first, so a
 * token that slips into an error message or URL never reaches the file.
 */
export function createFileLogger(file: string, echo = false): Logger {
  mkdirSync(dirname(file), { recursive: true });
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    const entry = { at: new Date().toISOString(), level, message: redact(message), ...(fields ? redactValue(fields) : {}) };
    const line = JSON.stringify(entry);
    appendFileSync(file, `${line}\n`, { mode: 0o600 });
    if (echo) console.error(line);
  };
  return {
    log: write,
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

export const silentLogger: Logger = { log() {}, info() {}, warn() {}, error() {} };
