import { accessSync, constants } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

/**
 * The real programs the tests and benchmarks talk to. `scripts/setup-peers.sh` (run by `npm test`)
 * installs every Debian package named in a requirePeer call, and test/unit/peers.test.ts checks that
 * it does. A test needing a program asks here first, so a missing one fails loudly, naming the package
 * to install, instead of as an obscure ENOENT halfway through.
 *
 * No vitest import: the benchmarks (plain tsx) use this too.
 */
export function requirePeer(program: string, debianPackage: string): string {
  const found = locate(program);
  if (!found) {
    throw new Error(`${program} is missing: install the Debian package "${debianPackage}" (\`npm run setup:peers\` installs every test peer; \`npm test\` runs it).`);
  }
  return found;
}

/** kubectl 1.20, which scripts/setup-peers.sh extracts from Debian's kubernetes-client (the machine's own kubectl may differ). */
export function requireKubectl(): string {
  const path = resolve(import.meta.dirname, '..', '..', '.cache', 'peers', 'kubectl');
  if (!locate(path)) throw new Error(`kubectl 1.20 is missing at ${path}: run \`npm run setup:peers\` (extracts it from the Debian package "kubernetes-client").`);
  return path;
}

function locate(program: string): string | undefined {
  // sbin holds sshd, nginx, losetup …, and is not on every user's PATH.
  const dirs = program.includes('/') ? [''] : [...(process.env.PATH ?? '').split(delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin'].filter(Boolean);
  for (const dir of dirs) {
    const path = dir ? join(dir, program) : program;
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here
    }
  }
  return undefined;
}
