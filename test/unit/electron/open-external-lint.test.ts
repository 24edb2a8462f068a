// "No shell.openExternal" is enforced by ESLint on the Electron shell, not left to review.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('the lint rule against opening things outside the kiosk', () => {
  it.each([
    ["import { shell } from 'electron';\nvoid shell;\n", 'no-restricted-imports'],
    ["import electron from 'electron';\nvoid electron.shell.openExternal('https://example.org/');\n", 'no-restricted-syntax'],
    ["declare const e: { shell: Record<string, (u: string) => void> };\ne.shell['openPath']('/etc');\n", 'no-restricted-syntax'],
  ])('refuses %j in electron/main and electron/preload', async (code, rule) => {
    expect(await ruleIds(code, 'electron/main/anything.ts')).toContain(rule);
    expect(await ruleIds(code, 'electron/preload/anything.ts')).toContain(rule);
  });

  it('leaves other Electron imports alone', async () => {
    expect(await ruleIds("import { app } from 'electron';\nvoid app;\n", 'electron/main/anything.ts')).toEqual([]);
  });
});
