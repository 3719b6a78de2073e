import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ELECTRON_ONLY_IN_MAIN = { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' };
const SQLITE_ONLY_IN_STORES = {
  name: 'better-sqlite3',
  message: 'SQL lives in electron/core/store/ and electron/core/db/: give the code a store (the cache handle is typed CacheDatabase).',
};
const PREPARE_ONLY_IN_STORES = {
  selector: "CallExpression[callee.property.name='prepare']",
  message: 'SQL lives in electron/core/store/ and electron/core/db/: add a method to a store instead of preparing a statement here.',
};

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'docs/**', '.prof/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        window: 'readonly',
        document: 'readonly',
        location: 'readonly',
        history: 'readonly',
        performance: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [ELECTRON_ONLY_IN_MAIN, SQLITE_ONLY_IN_STORES] }],
      'no-restricted-syntax': ['error', PREPARE_ONLY_IN_STORES],
    },
  },
  {
    files: ['electron/main/**', 'electron/preload/**', 'e2e/electron/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [SQLITE_ONLY_IN_STORES] }] },
  },
  {
    // Where SQL lives. Tests and their kits check stored rows directly; the benchmarks time raw
    // SQLite on purpose (each figure's yardstick is a bare statement).
    files: [
      'electron/core/store/**',
      'electron/core/db/**',
      '**/*.test.ts',
      '**/testing/**',
      'tests/**',
      'e2e/**',
      'electron/core/bench/**',
      'scripts/**',
    ],
    rules: {
      'no-restricted-imports': ['error', { paths: [ELECTRON_ONLY_IN_MAIN] }],
      'no-restricted-syntax': 'off',
    },
  },
  {
    // Issue 16 item 4: a deferred transaction that reads and then writes cannot wait for its lock
    // upgrade when another process writes, and fails at once with "database is locked" whatever the
    // busy timeout. Write transactions in the core begin IMMEDIATE.
    files: ['electron/core/**/*.ts'],
    ignores: ['electron/core/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.type='CallExpression'][callee.callee.property.name='transaction']",
          message: 'Begin write transactions IMMEDIATE: db.transaction(fn).immediate() (docs/reliability.md).',
        },
      ],
    },
  },
  {
    // The RPC client runs in the renderer and in Node hosts alike: plain TypeScript, clock and timers injected.
    files: ['shared/rpc/**'],
    ignores: ['shared/rpc/**/*.test.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'location', 'WebSocket', 'fetch', 'process', 'Buffer', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate'].map((name) => ({
          name,
          message: 'shared/rpc is pure TypeScript for both the renderer and Node: take it as an option instead.',
        })),
      ],
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'electron', 'ws'], message: 'shared/rpc imports neither Node nor Electron.' }] }],
    },
  },
);
