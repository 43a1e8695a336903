// Ends every run with the plain closing line `N passed, N failed[, N skipped]` that CI reads. A file that failed
// outside its tests (a hook, an import) and every unhandled error count as failures too, so the line never says
// "0 failed" for a red run. A tier that did not run says so just above that line: the PostgreSQL tier of the
// integration tests, when nothing answered at its address (the harness records why on each test module).
export default class PassFailReporter {
  onTestRunEnd(testModules, unhandledErrors = []) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const skippedTiers = new Map();
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
      const why = mod.meta().postgresTierSkipped;
      if (why) skippedTiers.set(why, (skippedTiers.get(why) ?? 0) + 1);
    }
    failed += unhandledErrors.length;
    for (const [why, files] of skippedTiers) {
      process.stdout.write(
        `\nPostgreSQL tier skipped: ${why}; ${files} integration file${files === 1 ? '' : 's'} ran on SQLite only.`,
      );
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
