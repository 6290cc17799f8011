// Lint: typescript-eslint's recommended rules plus the import rules of DESIGN.md section 3,
// which say where code runs: shared (anywhere), renderer (DOM), electron/core (Node, no Electron),
// electron/main and electron/preload (Electron), service (its own server).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert', 'async_hooks', 'buffer', 'child_process', 'cluster', 'console', 'constants', 'crypto', 'dgram',
  'diagnostics_channel', 'dns', 'domain', 'events', 'fs', 'fs/promises', 'http', 'http2', 'https', 'inspector',
  'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'punycode', 'querystring', 'readline', 'repl', 'stream',
  'string_decoder', 'sys', 'timers', 'tls', 'trace_events', 'tty', 'url', 'util', 'v8', 'vm', 'wasi',
  'worker_threads', 'zlib',
];
const noNode = {
  regex: `^(node:|(${nodeBuiltins.join('|')})(/|$))`,
  message: 'Runtime-agnostic code: no Node built-ins here (DESIGN.md §3).',
};
const noElectron = { name: 'electron', message: 'Only electron/main and electron/preload may import Electron.' };

/** Relative paths climbing out of a folder, at any depth, into one of `targets` (e.g. electron/). */
const climbingInto = (targets) => `^(\\.\\./)+(${targets.join('|')})(/|$)`;

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**', 'test-results/**', 'playwright-report/**', '.ci/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            noNode,
            {
              regex: climbingInto(['electron', 'renderer', 'service', 'test', 'scripts']),
              message: 'shared imports nothing of ours outside shared/ (DESIGN.md §3).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, { name: 'axios', message: 'The renderer never sees the network: axios lives in the core.' }],
          patterns: [
            noNode,
            {
              regex: climbingInto(['electron', 'service']),
              message: 'The renderer talks to the core only through window.sesame (DESIGN.md §3).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              regex: climbingInto(['main', 'preload', 'browser', 'renderer', 'service']),
              message: 'The core is plain Node: it never depends on a transport, the renderer or the service.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['service/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              regex: climbingInto(['electron', 'renderer', 'test', 'scripts']),
              message: 'The account service shares only shared/ with the app (DESIGN.md §3).',
            },
          ],
        },
      ],
    },
  },
  {
    // Plain Node scripts and config files.
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
