// The lint rules that keep each runtime on its side and the shells at the core's front
// door: a file that breaks one is rejected by `npm run lint`, naming the rule's reason.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const eslint = new ESLint({ cwd: ROOT });

/** The import-rule messages ESLint gives for `code` placed at `file` (relative to the project). */
async function importProblems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  if (!result) throw new Error(`ESLint returned nothing for ${file}`);
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`${file} did not parse: ${fatal.map((m) => m.message).join('; ')}`);
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('shells reach the core only through electron/core/index.ts', () => {
  it.each([
    ['electron/main/window-thing.ts', "import { startKiosk } from '../core/start-kiosk.js';\nvoid startKiosk;\n"],
    ['electron/main/window-thing.ts', "import type { KioskCore } from '../core/kiosk-core.js';\nexport type X = KioskCore;\n"],
    ['electron/cli/some-command.ts', "import { ConsentLedger } from '../core/ledger/consent-ledger.js';\nvoid ConsentLedger;\n"],
    ['electron/cli/some-command.ts', "export { loadConfig } from '../core/config/load-config.js';\n"],
    ['bin/launcher.mjs', "import { startKiosk } from '../electron/core/start-kiosk.js';\nvoid startKiosk;\n"],
  ])('%s may not import %j', async (file, code) => {
    expect(await importProblems(file, code)).toEqual([expect.stringContaining('front door')]);
  });

  it.each([
    ['electron/main/window-thing.ts', "import { startKiosk } from '../core/index.js';\nvoid startKiosk;\n"],
    ['electron/cli/some-command.ts', "import type { KioskCore } from '../core/index.js';\nexport type X = KioskCore;\n"],
    // Inside the core, and in tests, its parts may be reached directly.
    ['electron/core/ledger/some-part.ts', "import { verifyLedger } from './verify-ledger.js';\nvoid verifyLedger;\n"],
    ['test/unit/some.test.ts', "import { verifyLedger } from '../../electron/core/ledger/verify-ledger.js';\nvoid verifyLedger;\n"],
  ])('%s may import %j', async (file, code) => {
    expect(await importProblems(file, code)).toEqual([]);
  });
});

describe('the process boundary', () => {
  it.each([
    ['electron/core/session/some-part.ts', "import { app } from 'electron';\nvoid app;\n", 'no electron here'],
    ['electron/shared/some-contract.ts', "import { ipcMain } from 'electron';\nvoid ipcMain;\n", 'no electron here'],
    ['electron/cli/some-command.ts', "import { app } from 'electron';\nvoid app;\n", 'no electron here'],
    ['electron/hub/some-part.ts', "import { app } from 'electron';\nvoid app;\n", 'no electron here'],
    ['renderer/kiosk/SomeScreen.tsx', "import { readFileSync } from 'node:fs';\nvoid readFileSync;\n", 'no Node built-ins'],
    ['renderer/staff/some-part.ts', "import path from 'path';\nvoid path;\n", 'no Node built-ins'],
    ['renderer/kiosk/SomeScreen.tsx', "import { ipcRenderer } from 'electron';\nvoid ipcRenderer;\n", 'only through KioskApi'],
    ['renderer/kiosk/SomeScreen.tsx', "import { startKiosk } from '../../electron/core/index.js';\nvoid startKiosk;\n", 'only through KioskApi'],
    ['electron/main/some-window.ts', "import { shell } from 'electron';\nvoid shell;\n", 'no shell.openExternal'],
    ['electron/preload/some-bridge.ts', "import { shell } from 'electron';\nvoid shell;\n", 'no shell.openExternal'],
    ['electron/main/some-window.ts', "declare const s: { openExternal(u: string): void };\ns.openExternal('https://example.org');\n", 'never opens URLs'],
  ])('%s: %j is rejected', async (file, code, reason) => {
    expect(await importProblems(file, code)).toEqual([expect.stringContaining(reason)]);
  });

  it.each([
    ['renderer/kiosk/SomeScreen.tsx', "import { KIOSK_CALLS } from '../../electron/shared/kiosk-api.js';\nvoid KIOSK_CALLS;\n"],
    ['electron/main/some-window.ts', "import { app } from 'electron';\nvoid app;\n"],
    ['electron/core/session/some-part.ts', "import { readFileSync } from 'node:fs';\nvoid readFileSync;\n"],
  ])('%s: %j is allowed', async (file, code) => {
    expect(await importProblems(file, code)).toEqual([]);
  });
});
