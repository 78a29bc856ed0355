import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The read-only reference data (Assisted swagger, RHCOS stream, Ignition schemas, CSRs, live-ISO
 * fixtures, NMState examples) lives beside the project in ../shared/reference; tests read it there.
 */
export const referenceDir = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'reference');

export function referencePath(...parts: string[]): string {
  const path = resolve(referenceDir, ...parts);
  if (!existsSync(path)) throw new Error(`Reference file missing: ${path} (expected ../shared/reference beside the project).`);
  return path;
}
