#!/usr/bin/env node
// `sno-field-kit` / `npx sno-field-kit` from the repository: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

register();
const here = dirname(fileURLToPath(import.meta.url));
await import(join(here, '..', 'electron', 'cli', 'entry.ts'));
