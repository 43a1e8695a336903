// Ends every run with the plain closing line `N passed, N failed[, N skipped]` that CI reads. A file that failed
// outside its tests (a hook, an import) and every unhandled error count as failures too, so the line never says
// "0 failed" for a red run.
export default class PassFailReporter {
  onTestRunEnd(testModules, unhandledErrors = []) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      let failedHere = 0;
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failedHere++;
        else skipped++;
      }
      const moduleErrors = mod.errors?.().length ?? 0;
      const suiteErrors = [...mod.children.allSuites()].filter(
        (s) => s.state() === 'failed' && s.errors().length > 0,
      ).length;
      if (failedHere === 0 && (mod.state() === 'failed' || moduleErrors > 0 || suiteErrors > 0)) failedHere = 1;
      failed += failedHere;
    }
    failed += unhandledErrors.length;
    process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
