import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The project's own reference data (Assisted swagger, RHCOS stream, Ignition schemas, CSRs, live-ISO
 * fixtures, NMState examples), each folder with a SOURCES.md saying where it came from. Tests and
 * benchmarks read it here and nowhere else: a fresh clone has nothing beside it.
 */
export const fixturesDir = resolve(import.meta.dirname, '..', 'fixtures');

export function fixturePath(...parts: string[]): string {
  const path = resolve(fixturesDir, ...parts);
  if (!path.startsWith(fixturesDir + '/') && path !== fixturesDir) throw new Error(`Fixture path leaves test/fixtures: ${parts.join('/')}`);
  if (!existsSync(path)) throw new Error(`Fixture missing: ${path} (every fixture is committed under test/fixtures).`);
  return path;
}
