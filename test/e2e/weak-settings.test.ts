// `kokuchi serve` refuses to start on a weak KOKUCHI_STAFF_TOKEN rather than run with it,
// and says which variable is wrong without printing it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDataDir, removeDataDir, runCli } from '../support/kiosk-process.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await removeDataDir(dir);
});

describe('kokuchi serve with a weak KOKUCHI_STAFF_TOKEN', () => {
  it('stops before listening, naming the variable and not its value', async () => {
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    const result = await runCli(['serve', '--data', dataDir, '--port', '0'], { KOKUCHI_STAFF_TOKEN: 'counter3-secret' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/KOKUCHI_STAFF_TOKEN must be 32 random bytes in base64url/);
    expect(result.stderr + result.stdout).not.toContain('counter3-secret');
    expect(result.stdout).not.toMatch(/staff link:/);
    expect(existsSync(join(dataDir, 'ledger'))).toBe(false);
  });
});
