import { redact } from '../redact';

/**
 * Cleans the environment a terminal inherits from the app. The app may have been started from a
 * shell holding credentials (OFFLINE_TOKEN, a cloud key, a CI token); a terminal the technician
 * records into a session log must not carry them. A variable is dropped when its NAME looks like a
 * credential or its VALUE looks like one (what shared/redact.ts would hide).
 */
const SECRET_NAME = /(token|secret|passw(or)?d|passphrase|credential|api_?key|access_?key|private_?key|auth(?!or)|cookie|session_?key|pull_?secret|_pat$|^pat$)/i;

/** Variables the app itself uses that make no sense inside the user's shell. */
const INTERNAL = /^(ELECTRON_|SFK_|VITEST|NODE_OPTIONS$|npm_)/;

/** Paths to sockets or files, not credentials themselves, that a shell needs to work normally. */
const ALLOWED = new Set(['SSH_AUTH_SOCK', 'XAUTHORITY', 'GPG_AGENT_INFO']);

export function isSecretEnvName(name: string): boolean {
  return !ALLOWED.has(name) && SECRET_NAME.test(name);
}

export function isSecretEnvValue(value: string): boolean {
  return redact(value) !== value || /^eyJ[A-Za-z0-9_-]{10,}/.test(value);
}

export interface FilteredEnv {
  env: Record<string, string>;
  /** Names removed, for the log (never their values). */
  removed: string[];
}

export function filterInheritedEnv(source: Record<string, string | undefined>): FilteredEnv {
  const env: Record<string, string> = {};
  const removed: string[] = [];
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined) continue;
    if (INTERNAL.test(name) || isSecretEnvName(name) || isSecretEnvValue(value)) {
      removed.push(name);
      continue;
    }
    env[name] = value;
  }
  return { env, removed: removed.sort() };
}
