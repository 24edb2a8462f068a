// Lint, including the process boundary: the core and the shared contracts never import
// Electron, the page never imports Node built-ins, and the shells reach the core only
// through its front door (electron/core/index.ts). test/unit/lint/ proves each rule.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'stream', 'url', 'util'];

const noElectron = { name: 'electron', message: 'The core runs in plain Node: no electron here.' };
const noShell = { name: 'electron', importNames: ['shell'], message: 'The kiosk never opens anything outside itself (no shell.openExternal).' };
// Any path into electron/core other than its index (relative or not, with or without an extension).
const coreFrontDoor = {
  regex: '(^|/)(electron/)?core/(?!index(\\.[cm]?[jt]s)?$).+',
  message: 'A shell reaches the core only through its front door: import from electron/core/index.js.',
};

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
    files: ['electron/core/**', 'electron/shared/**', 'electron/hub/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  {
    files: ['electron/cli/**', 'bin/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [coreFrontDoor] }] },
  },
  {
    files: ['electron/preload/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noShell] }] },
  },
  {
    files: ['electron/main/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noShell], patterns: [coreFrontDoor] }] },
  },
  {
    // The kiosk never hands a URL to the operating system: a resident must not reach a browser or a file manager.
    files: ['electron/main/**', 'electron/preload/**'],
    rules: {
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
          patterns: [
            { group: nodeBuiltins, message: 'The page runs in a browser sandbox: no Node built-ins.' },
            { regex: '(^|/)electron/(core|main|cli|hub|preload)(/|$)', message: 'The page reaches the core only through KioskApi (electron/shared holds the contracts).' },
          ],
        },
      ],
    },
  },
);
