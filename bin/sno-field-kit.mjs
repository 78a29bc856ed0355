#!/usr/bin/env node
// `sno-field-kit` / `npx sno-field-kit` from the repository: runs the TypeScript CLI through tsx.
// tsx and the CLI's dependencies (undici) need Node 22: only the version check is imported
// statically, the rest is loaded with import() once the check has passed, so an old Node gets a
// plain sentence instead of a stack trace from deep inside a dependency.
import { EXIT_OLD_NODE, oldNodeMessage, projectRoot } from './node-check.mjs';

const root = projectRoot(import.meta.url);
const problem = oldNodeMessage({ version: process.versions.node, execPath: process.execPath, env: process.env, cwd: process.cwd(), root });
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(EXIT_OLD_NODE);
}
const { register } = await import('tsx/esm/api');
const { join } = await import('node:path');
register();
await import(join(root, 'electron', 'cli', 'entry.ts'));
