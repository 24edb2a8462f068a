import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import ElectronStore from 'electron-store';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SETTINGS_FILE_NAME, openSettingsStore, settingsStoreOver } from '../../../electron/main/settings-store.js';
import { settingsJsonSchema } from '../../../electron/main/settings-schema.js';

// The real electron-store, given the fake electron module (see vitest.config.ts: it is inlined).
vi.mock('electron', () => import('../../fixtures/fake-electron.js'));

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});
const tempDir = (): string => (dir ??= mkdtempSync(path.join(tmpdir(), 'kokuchi-settings-')));

// The adapter over the same Conf file electron-store writes, without Electron.
describe('settingsStoreOver', () => {
  function openFile(): Conf<Record<string, unknown>> {
    return new Conf<Record<string, unknown>>({ cwd: tempDir(), configName: SETTINGS_FILE_NAME });
  }

  it('keeps values on disk across reopening', () => {
    settingsStoreOver(openFile()).set('kioskId', 'k-123');
    const reopened = settingsStoreOver(openFile());
    expect(reopened.get('kioskId')).toBe('k-123');
    expect(JSON.parse(readFileSync(path.join(dir!, 'settings.json'), 'utf8'))).toEqual({ kioskId: 'k-123' });
  });

  it('reports a changed key, also one written by another process (`kokuchi token --rotate`)', async () => {
    const store = settingsStoreOver(new Conf<Record<string, unknown>>({ cwd: tempDir(), configName: SETTINGS_FILE_NAME, watch: true }));
    const seen: unknown[] = [];
    const stop = store.onDidChange?.('staffToken', (value) => seen.push(value));
    openFile().set('staffToken', 'rotated');
    // conf polls the file on Linux (about every 5 s, then debounces 1 s).
    await vi.waitFor(() => expect(seen).toEqual(['rotated']), { timeout: 10_000, interval: 100 });
    stop?.();
  }, 15_000);

  it('treats setting undefined as removing the key', () => {
    const store = settingsStoreOver(openFile());
    store.set('adminPin', '0000');
    store.set('adminPin', undefined);
    expect(store.get('adminPin')).toBeUndefined();
  });
});

describe('openSettingsStore (electron-store)', () => {
  it('writes settings.json in userData, readable by the owner only, with a last-good copy after each write', () => {
    const opened = openSettingsStore(ElectronStore, tempDir());
    opened.settings.set('kioskId', 'kiosk-7');
    const file = path.join(dir!, 'settings.json');
    expect(opened.file).toBe(file);
    expect(opened.problems).toEqual([]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ kioskId: 'kiosk-7' });
    expect(readFileSync(`${file}.last-good`, 'utf8')).toBe(readFileSync(file, 'utf8'));
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses a write the generated schema does not allow, and keeps the file as it was', () => {
    const { settings } = openSettingsStore(ElectronStore, tempDir());
    settings.set('kioskId', 'kiosk-7');
    expect(() => settings.set('lastGoodConfig', { path: 'x', savedAt: 'yesterday', config: { retentionDays: -1 } })).toThrow(
      /Config schema violation/,
    );
    expect(JSON.parse(readFileSync(path.join(dir!, 'settings.json'), 'utf8'))).toEqual({ kioskId: 'kiosk-7' });
  });

  it('opens on a corrupt file instead of failing or emptying it', () => {
    writeFileSync(path.join(tempDir(), 'settings.json.last-good'), '{"kioskId":"kiosk-9"}');
    writeFileSync(path.join(tempDir(), 'settings.json'), '{"kioskId":"kiosk-9", "sta');
    const opened = openSettingsStore(ElectronStore, tempDir(), () => new Date('2026-01-02T03:04:05.006Z'));
    expect(opened.settings.get('kioskId')).toBe('kiosk-9');
    expect(opened.problems[0]).toMatch(/settings\.json\.corrupt-2026-01-02T03-04-05-006Z/);
    expect(readdirSync(dir!).sort()).toEqual(['settings.json', 'settings.json.corrupt-2026-01-02T03-04-05-006Z', 'settings.json.last-good']);
  });

  it("is validated by JSON Schema generated from the core's configuration schema", () => {
    const schema = settingsJsonSchema();
    expect(Object.keys(schema).sort()).toEqual(['kioskId', 'lastGoodConfig', 'staffToken']);
    const config = (schema.lastGoodConfig as { properties: { config: { properties: Record<string, unknown> } } }).properties.config;
    expect(Object.keys(config.properties)).toEqual(expect.arrayContaining(['counterId', 'office', 'admin', 'kiosk', 'updates']));
  });
});
