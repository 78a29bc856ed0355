import { userInfo } from 'node:os';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The user's login shell, as a login shell (so their profile and PATH apply, as in their own terminal). */
export function resolveLoginShell(env: Record<string, string | undefined> = process.env): { file: string; args: string[] } {
  if (process.platform === 'win32') return { file: env.COMSPEC ?? 'cmd.exe', args: [] };
  let fromPasswd: string | undefined;
  try {
    fromPasswd = userInfo().shell ?? undefined;
  } catch {
    // No passwd entry (some containers): fall back to $SHELL.
  }
  const candidates = [fromPasswd, env.SHELL, '/bin/bash', '/bin/sh'].filter((s): s is string => !!s && s.startsWith('/'));
  const file = candidates.find((s) => existsSync(s) && !/nologin|false$/.test(s)) ?? '/bin/sh';
  return { file, args: ['-l'] };
}

/** Finds a program on PATH (used for the system ssh client). */
export function findOnPath(program: string, env: Record<string, string | undefined> = process.env): string | undefined {
  for (const dir of (env.PATH ?? '/usr/bin:/bin').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, program);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}
