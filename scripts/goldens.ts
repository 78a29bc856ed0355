/**
 * Writes the golden files the manual-flow builder tests compare with (test/unit/manual/golden/),
 * from the cases in test/unit/manual/golden-cases.ts. Tests never write them: after a deliberate
 * change to a builder, run `npm run goldens`, review `git diff` and commit the files with the change.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { goldenCases, goldenDir } from '../test/unit/manual/golden-cases';

const root = join(import.meta.dirname, '..');
let changed = 0;
for (const [name, build] of Object.entries(goldenCases)) {
  const path = join(goldenDir, name);
  const text = build();
  if (existsSync(path) && readFileSync(path, 'utf8') === text) continue;
  writeFileSync(path, text);
  changed += 1;
  console.log(`wrote ${relative(root, path)}`);
}
const stale = readdirSync(goldenDir).filter((f) => !(f in goldenCases));
for (const f of stale) console.log(`no case produces ${relative(root, join(goldenDir, f))}: delete it if it is no longer needed`);
console.log(changed ? `${changed} golden file(s) written: review them with git diff before committing.` : 'All golden files are up to date.');
