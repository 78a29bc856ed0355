import { relative } from 'node:path';
import type { Reporter, SerializedError, TestModule, Vitest } from 'vitest/node';

/**
 * Prints the plain closing line CI tools read: "N passed, N failed". Every test must run: a skipped
 * or todo test counts as failed (and fails the run) unless the run was filtered with -t, and an error
 * outside any test (a failing beforeAll, an import error, an unhandled rejection) counts as a failure
 * too, where vitest itself would only mark the tests it never ran as skipped.
 */
export default class SummaryReporter implements Reporter {
  #filtered = false;
  #root = process.cwd();

  onInit(vitest: Vitest): void {
    this.#filtered = vitest.config.testNamePattern !== undefined;
    this.#root = vitest.config.root;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    let passed = 0;
    let failed = 0;
    const skipped: string[] = [];
    const errorsOutsideTests: string[] = unhandledErrors.map((e) => `unhandled error: ${e.message}`);
    for (const mod of testModules) {
      const file = relative(this.#root, mod.moduleId);
      let failedHere = 0;
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failedHere += 1;
        else skipped.push(`${file} > ${test.fullName}`);
      }
      failed += failedHere;
      if (mod.state() === 'failed' && failedHere === 0) {
        const error = [...mod.errors(), ...[...mod.children.allSuites()].flatMap((suite) => suite.errors())][0];
        errorsOutsideTests.push(`${file}: ${error?.message ?? 'failed outside its tests'}`);
      }
    }
    failed += errorsOutsideTests.length;
    for (const e of errorsOutsideTests) console.log(`failed outside a test: ${e}`);
    if (this.#filtered) {
      console.log(`\n${skipped.length} not run (filtered with -t)`);
    } else {
      for (const s of skipped.slice(0, 20)) console.log(`skipped (counts as failed, every test must run): ${s}`);
      console.log(`\n${skipped.length} skipped`);
      failed += skipped.length;
    }
    if (failed > 0) process.exitCode = 1;
    console.log(`${passed} passed, ${failed} failed`);
  }
}
