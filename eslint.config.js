import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only electron/main and electron/preload may import electron.' }] },
      ],
    },
  },
  {
    files: ['electron/main/**', 'electron/preload/**', 'e2e/electron/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Issue 16 item 4: a deferred transaction that reads and then writes cannot wait for its lock
    // upgrade when another process writes, and fails at once with "database is locked" whatever the
    // busy timeout. Write transactions in the core begin IMMEDIATE.
    files: ['electron/core/**/*.ts'],
    ignores: ['electron/core/**/*.test.ts', 'electron/core/engine/**', 'electron/core/alerts/**'],
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
);
