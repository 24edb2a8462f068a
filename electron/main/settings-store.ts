// Run-time settings (admin screen, generated kiosk id and token) in electron-store:
// `settings.json` in userData, the same `conf` file format the headless shell uses.
import type ElectronStore from 'electron-store';
import type { SettingsStore } from '../core/kiosk-core.js';

export const SETTINGS_FILE_NAME = 'settings';

export interface KeyValueFile {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export function settingsStoreOver(file: KeyValueFile): SettingsStore {
  return {
    get: (key) => file.get(key),
    // conf refuses `undefined`; storing "nothing" means removing the key.
    set: (key, value) => (value === undefined ? file.delete(key) : file.set(key, value)),
  };
}

/** electron-store is passed in (not imported) so that this adapter loads without Electron. */
export function openSettingsStore(Store: typeof ElectronStore): SettingsStore {
  return settingsStoreOver(new Store({ name: SETTINGS_FILE_NAME }));
}
