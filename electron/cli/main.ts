import { envLanguage } from '../services/env-language';
import type { CliIo } from './command';
import { commands } from './commands';

/** `sno-field-kit <command> [args]`: scripting access to the same builders and checks as the app. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`Unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  return command.run(rest, io);
}

function usage(): string {
  const lines = commands.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`);
  return `Usage: sno-field-kit <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "sno-field-kit <command> --help" for a command's options.\n`;
}

export function processIo(): CliIo {
  const env = process.env;
  return {
    stdin: process.stdin,
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    lang: envLanguage(env),
    env,
  };
}
