/**
 * Every tier (unit, integration, end to end) runs with this guard (vitest.config.ts `setupFiles`): a console.error
 * fails the test during which it was written (one written in a beforeAll fails the next test, one in an afterAll
 * the file). The message is still printed, under the test's name. Errors the browser writes to its own console are
 * the e2e support's business (packages/web/e2e/support.ts); this guard watches the Node side of every test.
 */
import { format } from 'node:util';
import { afterAll, afterEach, beforeEach } from 'vitest';

const guarded = Symbol.for('ipt.test.consoleGuard');
type ConsoleError = typeof console.error;
type Guarded = ConsoleError & { [guarded]?: ConsoleError };

const written: string[] = [];

// A worker that runs several files keeps its console: wrap the original once, not the previous file's guard.
const current: Guarded = console.error;
const original = current[guarded] ?? current;
const guard: Guarded = Object.assign(
  (...args: unknown[]) => {
    written.push(format(...args));
    original.apply(console, args);
  },
  { [guarded]: original },
);
console.error = guard;

function check(where: string) {
  const calls = written.splice(0);
  if (calls.length === 0) return;
  throw new Error(
    `console.error was called ${calls.length === 1 ? 'once' : `${calls.length} times`} ${where}, ` +
      `and an error on the console fails every tier:\n${calls.map((c) => `  ${c}`).join('\n')}`,
  );
}

beforeEach(() => check('before this test (in a beforeAll)'));
afterEach(() => check('during this test'));
afterAll(() => check('after the last test (in an afterAll)'));
