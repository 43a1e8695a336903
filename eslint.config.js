// Lint: the package boundaries of shared/DESIGN.md, the purity of core, and the habits of shared/STYLE.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const pkg = (name) => `packages/${name}/src/**/*.{ts,tsx}`;
const only = (allowed) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: ['@ipt/*', ...allowed.map((a) => `!${a}`)],
          message: `This package may import only ${allowed.join(', ') || 'no other workspace package'} (shared/DESIGN.md).`,
        },
        { group: ['../../*/src/*', '../../../*/src/*'], message: 'Import another package by its name, not its files.' },
      ],
    },
  ],
});

/**
 * Selectors every TypeScript file is held to. A later `no-restricted-syntax` replaces an earlier one for the files it
 * matches, so each block that adds its own selectors spreads these in too.
 */
const general = [
  { selector: 'TSEnumDeclaration', message: 'Use a const object and a union type (shared/STYLE.md §2).' },
  {
    selector: "CallExpression[callee.object.name=/^(describe|it|test)$/][callee.property.name='only']",
    message: 'No .only in committed tests.',
  },
  {
    // A cast through unknown or to never tells the compiler to stop checking: parse, narrow or type the source.
    selector: 'TSAsExpression > TSAsExpression[typeAnnotation.type="TSUnknownKeyword"]',
    message: 'No `as unknown as`: parse at the edge (zod), narrow, or give the value its type where it is made.',
  },
  {
    selector: 'TSAsExpression[typeAnnotation.type="TSNeverKeyword"]',
    message: 'No `as never`: give the value its type where it is made.',
  },
];

/** Query building: only repositories under packages/server/src/db/ write SQL. */
const queries = [
  {
    selector:
      'CallExpression[callee.property.name=/^(selectFrom|selectNoFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)$/]',
    message: 'Queries belong in a repository under packages/server/src/db/repositories/, filtered by organisation.',
  },
  {
    // Kysely's common table expressions: `.with('name', (db) => …)` (not Array.prototype.with(index, value)).
    selector:
      "CallExpression[callee.property.name=/^with(Recursive)?$/][arguments.0.type='Literal'][arguments.0.raw=/^['\"]/]",
    message: 'Queries belong in a repository under packages/server/src/db/repositories/, filtered by organisation.',
  },
];

/** One write path: services reach, change and audit clinical records only through the pipeline (ADR 0014). */
const onePath = [
  {
    selector: "CallExpression[callee.property.name='transaction']",
    message: 'Go through the pipeline (services/pipeline.ts): one transaction, reach, version, revision and audit.',
  },
  {
    selector: "CallExpression[callee.object.property.name='db'][callee.property.name='write']",
    message: 'Go through the pipeline (services/pipeline.ts): one transaction, reach, version, revision and audit.',
  },
  {
    selector: "CallExpression[callee.object.property.name='audit'][callee.property.name=/^(record|inTransaction)$/]",
    message: "Note audit events on the pipeline's Work (w.audit): they are appended with the work.",
  },
];

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'bench/results/**', '**/test-results/**', 'data/**', 'scripts/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['packages/*/tsconfig.json', 'packages/web/tsconfig.json', 'tsconfig.tests.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
      // `any` and the no-unsafe-* rules stay on (recommendedTypeChecked): the route table types every edge.
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      'no-restricted-syntax': ['error', ...general],
    },
  },
  { files: [pkg('core')], rules: only([]) },
  {
    // Core is pure: no IO, no clock, no randomness (shared/DESIGN.md).
    files: [pkg('core')],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', 'process', 'fetch', 'crypto', 'setTimeout', 'setInterval', 'console'],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Core takes time as an argument.',
        },
        {
          selector: "MemberExpression[object.name='Date'][property.name='now']",
          message: 'Core takes time as an argument.',
        },
        {
          selector: "MemberExpression[object.name='Math'][property.name='random']",
          message: 'Core takes no randomness.',
        },
        { selector: 'ImportDeclaration[source.value=/^node:/]', message: 'Core does no IO.' },
        ...general,
      ],
    },
  },
  { files: [pkg('fhir')], rules: only(['@ipt/core']) },
  { files: [pkg('contract')], rules: only(['@ipt/core']) },
  { files: [pkg('server')], rules: only(['@ipt/core', '@ipt/contract', '@ipt/fhir']) },
  // A package's own tests drive its built entry point, as its users do.
  {
    files: ['packages/server/src/**/*.test.ts'],
    rules: only(['@ipt/core', '@ipt/contract', '@ipt/fhir', '@ipt/server']),
  },
  {
    // SQL lives in db/ (repositories, migrations, dialect): services and the rest call repository functions, whose
    // where-clauses carry the organisation (shared/DESIGN.md "Security model"). Transactions stay in services. These
    // two rules replace the general ones for these files, so the general selectors and the boundary are repeated.
    files: [pkg('server')],
    ignores: ['packages/server/src/db/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...only(['@ipt/core', '@ipt/contract', '@ipt/fhir'])['no-restricted-imports'][1],
          paths: [{ name: 'kysely', importNames: ['sql'], message: 'Raw SQL belongs in packages/server/src/db/.' }],
        },
      ],
      'no-restricted-syntax': ['error', ...general, ...queries],
    },
  },
  {
    // Services change clinical records only through the pipeline. Signing in and out (no caller yet, or the
    // session itself) and `ipt user add` (no caller: the system) keep their own transactions.
    files: ['packages/server/src/services/**/*.ts'],
    ignores: [
      'packages/server/src/services/pipeline.ts',
      'packages/server/src/services/auth-service.ts',
      'packages/server/src/services/people-service.ts',
      '**/*.test.ts',
    ],
    rules: { 'no-restricted-syntax': ['error', ...general, ...queries, ...onePath] },
  },
  { files: [pkg('web')], rules: only(['@ipt/core', '@ipt/contract']) },
  { files: [pkg('cli')], rules: only(['@ipt/core', '@ipt/server']) },
  {
    // The CLI reaches the database through the server's services, never by query.
    files: [pkg('cli')],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-syntax': ['error', ...general, ...queries] },
  },
  {
    // The CLI, the tests and the benchmarks talk to a terminal.
    files: ['packages/cli/src/**', '**/*.test.ts', 'packages/server/test/**', 'bench/**', 'packages/web/e2e/**'],
    rules: { 'no-console': 'off' },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    // Plain-JavaScript tools (bench, configs) run on Node.
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: Object.fromEntries(
        [
          'process',
          'console',
          'Buffer',
          'URL',
          'fetch',
          'setTimeout',
          'clearTimeout',
          'setInterval',
          'clearInterval',
          'performance',
        ].map((g) => [g, 'readonly']),
      ),
    },
  },
);
