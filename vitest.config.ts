import { defineConfig } from 'vitest/config';

const postgresUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** In every tier: a console.error fails the test that wrote it. */
const setupFiles = ['./packages/server/test/console-guard.ts'];

export default defineConfig({
  test: {
    reporters: ['default', './scripts/passfail-reporter.mjs'],
    env: { IPT_TEST_POSTGRES_URL: postgresUrl },
    projects: [
      {
        test: {
          name: 'unit',
          setupFiles,
          include: ['packages/*/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**', '**/dist/**'],
        },
      },
      {
        test: {
          name: 'integration',
          setupFiles,
          include: ['packages/*/src/**/*.int.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          setupFiles,
          include: ['packages/web/e2e/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
