// Lint, including the layering rules: shared imports nothing environment-specific,
// the renderer imports only shared code and browser packages, only main touches
// Node, SQLite and the file system, and only the Electron entry and preload import Electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import { boundariesPlugin } from './eslint-boundaries.mjs';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const restrict = (message, names, patterns = []) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: names.map((name) => ({ name, message })),
      patterns: patterns.map((group) => ({ group: [group], message })),
    },
  ],
});

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.tools/**', '.lab/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict(
      'src/shared is pure TypeScript: no Electron, Node, DOM-framework or app-layer imports.',
      ['electron', 'better-sqlite3', 'react', 'react-dom', 'sip.js', 'zustand', 'electron-log', ...nodeBuiltins],
      ['**/main/**', '**/renderer/**', '**/preload/**'],
    ),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        'The renderer imports only shared code and browser packages; main owns Node, SQLite and files.',
        ['electron', 'better-sqlite3', 'electron-log', ...nodeBuiltins],
        ['**/main/**', '**/preload/**'],
      ),
    },
  },
  {
    files: ['src/main/**/*.{ts,mts}'],
    ignores: ['src/main/electron/**'],
    languageOptions: { globals: globals.node },
    rules: restrict(
      'Only src/main/electron may import Electron, so the rest of main runs in plain Node tests.',
      ['electron', 'electron-log/main', 'react', 'react-dom', 'sip.js', 'zustand'],
      ['**/renderer/**', '**/preload/**'],
    ),
  },
  {
    files: ['src/main/electron/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: restrict('Main never imports renderer code.', ['react', 'react-dom', 'sip.js', 'zustand'], ['**/renderer/**', '**/preload/**']),
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: restrict(
      'The sandboxed preload may use only electron and shared code.',
      ['better-sqlite3', 'electron-log', ...nodeBuiltins],
      ['**/main/**', '**/renderer/**'],
    ),
  },
  {
    // Features and the centre's service are used through their public faces (eslint-boundaries.mjs).
    files: ['src/**/*.{ts,tsx,mts}', 'services/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    plugins: { hotline: boundariesPlugin },
    rules: { 'hotline/boundaries': 'error' },
  },
  {
    files: ['test/**/*.{ts,mjs}', 'scripts/**/*.{mjs,ts}', '*.config.{ts,mjs}', 'eslint-boundaries.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
