// A kiosk that has run an office's configuration keeps that office's guards when the file
// later breaks or goes missing: maintenance, the office's own admin PIN (never the example
// office's 0000), and every unlock and lock-out in the ledger, across restarts.
import { rm, writeFile } from 'node:fs/promises';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { configSchema } from '../../electron/core/config/schema.js';
import type { KioskCore, SettingsStore } from '../../electron/core/kiosk-core.js';
import { memorySettings, startCoreInProcess } from '../support/kiosk-in-process.js';
import { makeDataDir, removeDataDir, writeKioskConfig } from '../support/kiosk-process.js';
import { staffApi } from '../support/staff-api.js';

const cores: KioskCore[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});
afterAll(async () => {
  for (const dir of dirs) await removeDataDir(dir);
});

async function start(dataDir: string, settings: SettingsStore, configPath: string | undefined, extra = {}): Promise<KioskCore> {
  const core = await startCoreInProcess({ dataDir, settings, ...(configPath !== undefined && { configPath }), ...extra });
  cores.push(core);
  return core;
}

async function configuredOnce(config: object): Promise<{ dataDir: string; settings: SettingsStore; configPath: string }> {
  const dataDir = await makeDataDir();
  dirs.push(dataDir);
  const settings = memorySettings();
  const configPath = await writeKioskConfig(dataDir, config);
  const core = await start(dataDir, settings, configPath);
  expect((await core.call('getView', {})).screen).toBe('idle');
  await core.close();
  return { dataDir, settings, configPath };
}

async function types(core: KioskCore): Promise<unknown[]> {
  return (await staffApi(core.staffLinkUrl).events(0)).map((event) => event.type);
}

describe('a configured kiosk whose file breaks', () => {
  it('shows maintenance and opens only with the office PIN, never the example 0000', async () => {
    const { dataDir, settings, configPath } = await configuredOnce({ counterId: 'shimin-3', admin: { pin: '246810' } });
    await writeFile(configPath, '{"counterId": "shimin-3", "admin": {"pin": "246810"},');
    const core = await start(dataDir, settings, configPath);
    expect((await core.call('getView', {})).screen).toBe('maintenance');
    expect(await core.call('adminUnlock', { pin: '0000' })).toEqual({ ok: false, reason: 'wrong-pin', attemptsLeft: 4 });
    expect(await core.call('adminUnlock', { pin: '246810' })).toMatchObject({ ok: true });
    expect(await types(core)).toContain('admin.unlocked');
  });

  it('stays in maintenance when the file is gone, and keeps the office PIN', async () => {
    const { dataDir, settings, configPath } = await configuredOnce({ admin: { pin: '246810' } });
    await rm(configPath);
    const core = await start(dataDir, settings, undefined);
    const view = await core.call('getView', {});
    expect(view.screen).toBe('maintenance');
    expect(view.problems.join('\n')).toMatch(/no kokuchi\.config\.json was found, but this kiosk has run an office's configuration since/);
    expect(await core.call('adminUnlock', { pin: '0000' })).toMatchObject({ ok: false, reason: 'wrong-pin' });
    expect(await core.call('adminUnlock', { pin: '246810' })).toMatchObject({ ok: true });
  });

  it('keeps the admin screen closed when the office never set its own PIN', async () => {
    const { dataDir, settings, configPath } = await configuredOnce({ counterId: 'c-1' });
    await writeFile(configPath, 'not json');
    const core = await start(dataDir, settings, configPath);
    expect(await core.call('adminUnlock', { pin: '0000' })).toEqual({ ok: false, reason: 'pin-not-set' });
  });

  it('never opens 0000 for a file that exists but is broken, even on a first start', async () => {
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    const configPath = await writeKioskConfig(dataDir, { retentionDays: 'forever' });
    const core = await start(dataDir, memorySettings(), configPath);
    expect((await core.call('getView', {})).screen).toBe('maintenance');
    expect(await core.call('adminUnlock', { pin: '0000' })).toEqual({ ok: false, reason: 'pin-not-set' });
  });

  it("keeps the PIN of the shell's last good copy when the settings remember nothing else", async () => {
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    const lastGoodConfig = configSchema.parse({ admin: { pin: '13579' } });
    const core = await start(dataDir, memorySettings(), undefined, { lastGoodConfig });
    expect((await core.call('getView', {})).screen).toBe('maintenance');
    expect(await core.call('adminUnlock', { pin: '0000' })).toMatchObject({ ok: false, reason: 'wrong-pin' });
    expect(await core.call('adminUnlock', { pin: '13579' })).toMatchObject({ ok: true });
  });
});

describe('wrong admin PINs', () => {
  it('stay counted across a restart, and the lock-out is in the ledger', async () => {
    const { dataDir, settings, configPath } = await configuredOnce({ admin: { pin: '2580' } });
    let core = await start(dataDir, settings, configPath);
    for (let i = 0; i < 4; i += 1) await core.call('adminUnlock', { pin: '9999' });
    await core.close();
    core = await start(dataDir, settings, configPath);
    expect(await core.call('adminUnlock', { pin: '9999' })).toMatchObject({ ok: false, reason: 'locked' });
    await core.close();
    core = await start(dataDir, settings, configPath);
    expect(await core.call('adminUnlock', { pin: '2580' })).toMatchObject({ ok: false, reason: 'locked' });
    const lockouts = (await staffApi(core.staffLinkUrl).events(0)).filter((event) => event.type === 'admin.locked-out');
    expect(lockouts).toEqual([expect.objectContaining({ failedAttempts: 5, lockedUntil: expect.stringMatching(/^\d{4}-/) })]);
  });
});
