// The token in force: fixed by the configuration or the environment, otherwise the generated
// one in the settings file, which a rotation replaces while the kiosk runs.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSettings } from '../../../electron/cli/settings-file.js';
import { pairingToken } from '../../../electron/core/staff-link/pairing-token.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kokuchi-token-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('pairingToken', () => {
  it('generates 32 random bytes in base64url on first use and keeps them in the settings file', async () => {
    const token = pairingToken(undefined, openSettings(dir));
    expect(token.current()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toEqual({ staffToken: token.current() });
    expect(pairingToken(undefined, openSettings(dir)).current()).toBe(token.current());
    token.close();
  });

  it('follows a replaced setting, tells its listeners, and ignores a mangled one', () => {
    const settings = openSettings(dir);
    const token = pairingToken(undefined, settings);
    let rotations = 0;
    token.onRotate(() => rotations++);
    settings.set('staffToken', 'B'.repeat(43));
    expect(token.current()).toBe('B'.repeat(43));
    expect(rotations).toBe(1);
    for (const mangled of ['', 'has spaces in it', 42]) settings.set('staffToken', mangled);
    expect(token.current()).toBe('B'.repeat(43));
    expect(rotations).toBe(1);
    token.close();
    settings.set('staffToken', 'C'.repeat(43));
    expect(token.current()).toBe('B'.repeat(43));
  });

  it('keeps a token fixed by the configuration or environment whatever the settings say', () => {
    const settings = openSettings(dir);
    const token = pairingToken('F'.repeat(43), settings);
    settings.set('staffToken', 'B'.repeat(43));
    expect(token.current()).toBe('F'.repeat(43));
    expect(settings.get('staffToken')).toBe('B'.repeat(43));
  });
});
