import { readFile } from 'node:fs/promises';
import { translate } from '../../../shared/i18n/translate';
import { AppError } from '../../../shared/api/errors';
import type { Issue } from '../../../shared/network/issue';
import type { CliIo } from '../command';

/** Bad input or usage: the CLI prints the message and exits with 2. */
export class UsageError extends Error {}

/** What to call the input in messages: the file as given, or "stdin". */
export function inputName(path: string | undefined): string {
  return path === undefined || path === '-' ? 'stdin' : path;
}

/** Reads a file argument, or stdin for "-" / no argument. */
export async function readInput(io: CliIo, path: string | undefined): Promise<string> {
  if (path === undefined || path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new UsageError(translate(io.lang, 'manual.cli.unreadable', { path, reason: (err as NodeJS.ErrnoException).code ?? String(err) }));
  }
}

export function formatIssues(io: CliIo, issues: Issue[]): string {
  return issues
    .map(
      (i) =>
        `${i.severity === 'warning' ? translate(io.lang, 'manual.cli.warning') : translate(io.lang, 'manual.cli.error')}${i.path ? ` [${i.path}]` : ''}: ${translate(io.lang, i.key, i.params ?? {})}\n`,
    )
    .join('');
}

/** Runs a sub-command body: AppError / UsageError become a message on stderr and exit code 2. */
export async function guarded(io: CliIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof AppError) io.stderr(`${err.localized(io.lang)}\n`);
    else if (
      err instanceof UsageError ||
      (err instanceof Error && (err as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') ||
      (err instanceof Error && String((err as NodeJS.ErrnoException).code ?? '').startsWith('ERR_PARSE_ARGS'))
    )
      io.stderr(`${err.message}\n`);
    else throw err;
    return 2;
  }
}
