import type { Language } from '../../shared/i18n';

/** Streams a CLI command may use; injected so commands are tested without spawning a process. */
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  lang: Language;
  env: NodeJS.ProcessEnv;
}

/**
 * One `sno-field-kit <name> ...` command. Exit codes: 0 success, 1 a negative verdict where the
 * command defines one, 2 bad input or usage, others as the command documents.
 */
export interface CliCommand {
  name: string;
  /** One line for `sno-field-kit --help` */
  summary: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

/** Prints a command's usage text: to stdout when asked for (`--help`, exit 0), to stderr on a usage error. */
export function printUsage(io: CliIo, text: string, code: number): number {
  (code === 0 ? io.stdout : io.stderr)(text);
  return code;
}
