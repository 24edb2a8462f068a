import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { SETTINGS_FILE_NAME, settingsStoreOver } from '../../../electron/main/settings-store.js';

// electron-store is Conf with Electron's userData as `cwd`; the adapter is tested over
// the same Conf file so it runs without Electron.
describe('settingsStoreOver', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function openFile(): Conf<Record<string, unknown>> {
    dir ??= mkdtempSync(path.join(tmpdir(), 'kokuchi-settings-'));
    return new Conf<Record<string, unknown>>({ cwd: dir, configName: SETTINGS_FILE_NAME });
  }

  it('keeps values on disk across reopening', () => {
    settingsStoreOver(openFile()).set('kioskId', 'k-123');
    const reopened = settingsStoreOver(openFile());
    expect(reopened.get('kioskId')).toBe('k-123');
    expect(JSON.parse(readFileSync(path.join(dir!, 'settings.json'), 'utf8'))).toEqual({ kioskId: 'k-123' });
  });

  it('treats setting undefined as removing the key', () => {
    const store = settingsStoreOver(openFile());
    store.set('adminPin', '0000');
    store.set('adminPin', undefined);
    expect(store.get('adminPin')).toBeUndefined();
  });
});
