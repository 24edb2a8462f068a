import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SettingsStore } from '../../../electron/core/kiosk-core.js';
import { readShellConfig } from '../../../electron/main/last-good-config.js';

let dir: string;
let values: Map<string, unknown>;
let writes: number;
let store: { settings: SettingsStore; file: string };
const NOW = () => new Date('2026-11-28T00:00:00.000Z');

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kokuchi-shell-config-'));
  values = new Map();
  writes = 0;
  store = {
    settings: { get: (key) => values.get(key), set: (key, value) => void (writes++, values.set(key, value)) },
    file: '/home/kiosk/.config/Kokuchi/settings.json',
  };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readShellConfig', () => {
  it("gives the shell its part of a good file and keeps the file's own text as the last good copy, once", async () => {
    const file = path.join(dir, 'kokuchi.config.json');
    writeFileSync(file, JSON.stringify({ kiosk: { hideCursor: true }, updates: { url: 'https://updates.lan/' } }));
    const shell = await readShellConfig(file, store, NOW);
    expect(shell.problems).toEqual([]);
    expect(shell.config.kiosk).toEqual({ hideCursor: true, keepDisplayAwake: true });
    expect(shell.config.updates.url).toBe('https://updates.lan/');
    expect(values.get('lastGoodConfig')).toEqual({
      path: file,
      savedAt: '2026-11-28T00:00:00.000Z',
      config: { kiosk: { hideCursor: true }, updates: { url: 'https://updates.lan/' } },
    });
    await readShellConfig(file, store, NOW);
    expect(writes).toBe(1);
  });

  it('points at the last good copy when the file breaks, and keeps that copy', async () => {
    const file = path.join(dir, 'kokuchi.config.json');
    writeFileSync(file, '{"retentionDays": 30}');
    await readShellConfig(file, store, NOW);
    writeFileSync(file, '{"retentionDays": 30,');
    const shell = await readShellConfig(file, store, NOW);
    expect(shell.problems).toEqual([
      `the configuration that last loaded cleanly (${file}, 2026-11-28T00:00:00.000Z) is kept in ${store.file} under "lastGoodConfig"`,
    ]);
    expect(shell.config.kiosk.hideCursor).toBe('auto');
    expect((values.get('lastGoodConfig') as { config: unknown }).config).toEqual({ retentionDays: 30 });
  });

  it('runs on the last good copy, not the example office, while the file is broken or missing', async () => {
    const file = path.join(dir, 'kokuchi.config.json');
    writeFileSync(file, JSON.stringify({ admin: { pin: '246810' }, kiosk: { hideCursor: true }, updates: { url: 'https://updates.lan/' } }));
    await readShellConfig(file, store, NOW);
    writeFileSync(file, '{"admin": {"pin": "246810"}');
    const broken = await readShellConfig(file, store, NOW);
    expect([broken.config.kiosk.hideCursor, broken.config.updates.url, broken.lastGood?.admin.pin]).toEqual([true, 'https://updates.lan/', '246810']);
    const missing = await readShellConfig(undefined, store, NOW);
    expect(missing.lastGood?.admin.pin).toBe('246810');
    expect(missing.problems).toHaveLength(1);
  });

  it('uses the defaults for the example office and a missing file', async () => {
    expect(await readShellConfig(undefined, store, NOW)).toMatchObject({ problems: [], config: { kiosk: { keepDisplayAwake: true } } });
    expect((await readShellConfig(path.join(dir, 'missing.json'), store, NOW)).problems).toEqual([]);
    expect(writes).toBe(0);
  });
});
