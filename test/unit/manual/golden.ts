import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { goldenCases, goldenDir } from './golden-cases';

/**
 * Expects `actual` to equal the reviewed file test/unit/manual/golden/<name>, and the case that
 * `npm run goldens` writes it from to build the same text. A test never writes a golden file: a
 * missing one fails with the command that makes it.
 */
export function expectGolden(name: string, actual: string): void {
  const path = join(goldenDir, name);
  if (!existsSync(path)) throw new Error(`Golden file test/unit/manual/golden/${name} is missing: run \`npm run goldens\` (scripts/goldens.ts), review the file and commit it.`);
  expect(actual, `differs from test/unit/manual/golden/${name}; if the change is intended, run \`npm run goldens\` and review the diff`).toBe(readFileSync(path, 'utf8'));
  const build = goldenCases[name];
  if (!build) throw new Error(`No case for ${name} in test/unit/manual/golden-cases.ts, so \`npm run goldens\` cannot write it.`);
  expect(build(), `golden-cases.ts builds ${name} differently from this test`).toBe(actual);
}

/** The files in the golden folder (each must have a case, or it would never be checked again). */
export function goldenFiles(): string[] {
  return readdirSync(goldenDir).sort();
}
