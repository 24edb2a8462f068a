// Lint, including the process boundary: the core and the shared contracts never import
// Electron, and the page never imports Node built-ins.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'stream', 'url', 'util'];

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['electron/core/**', 'electron/shared/**', 'electron/cli/**', 'electron/hub/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The core runs in plain Node: no electron here.' }] }],
    },
  },
  {
    // The kiosk never hands a URL to the operating system: a resident must not reach a browser or a file manager.
    files: ['electron/main/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', importNames: ['shell'], message: 'The kiosk never opens anything outside itself (no shell.openExternal).' }] },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[property.name=/^(openExternal|openPath|showItemInFolder)$/], MemberExpression[property.value=/^(openExternal|openPath|showItemInFolder)$/]',
          message: 'The kiosk never opens URLs or files outside itself.',
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The page reaches the core only through KioskApi.' }],
          patterns: [{ group: nodeBuiltins, message: 'The page runs in a browser sandbox: no Node built-ins.' }],
        },
      ],
    },
  },
);
