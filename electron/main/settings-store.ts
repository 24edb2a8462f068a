// Run-time settings (generated kiosk id and token, the last good configuration) in
// electron-store: `settings.json` in userData, the same `conf` file format the headless
// shell uses, validated against the JSON Schema generated from settings-schema.ts.
import path from 'node:path';
import type ElectronStore from 'electron-store';
import type { Schema } from 'electron-store';
import type { SettingsStore } from '../core/index.js';
import { keepLastGoodCopy, repairSettingsFile } from './settings-repair.js';
import { isUsableSettings, settingsJsonSchema } from './settings-schema.js';

export const SETTINGS_FILE_NAME = 'settings';

export interface KeyValueFile {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  onDidChange?(key: string, callback: (newValue: unknown) => void): () => void;
}

export function settingsStoreOver(file: KeyValueFile, afterWrite: () => void = () => undefined): SettingsStore {
  const store: SettingsStore = {
    get: (key) => file.get(key),
    set: (key, value) => {
      // conf refuses `undefined`; storing "nothing" means removing the key.
      if (value === undefined) file.delete(key);
      else file.set(key, value);
      afterWrite();
    },
  };
  const watch = file.onDidChange?.bind(file);
  if (watch) store.onDidChange = (key, listener) => watch(key, (value) => listener(value));
  return store;
}

export interface OpenedSettings {
  settings: SettingsStore;
  /** settings.json itself, for messages that point a technician at it. */
  file: string;
  /** What was wrong with the file and what was done about it, for the maintenance screen. */
  problems: string[];
}

/** electron-store is passed in (not imported) so that this adapter loads without Electron. */
export function openSettingsStore(Store: typeof ElectronStore, userDataDir: string, now?: () => Date): OpenedSettings {
  const file = path.join(userDataDir, `${SETTINGS_FILE_NAME}.json`);
  const problems = repairSettingsFile({ file, isUsable: isUsableSettings, ...(now && { now }) });
  const store = new Store<Record<string, unknown>>({
    name: SETTINGS_FILE_NAME,
    cwd: userDataDir,
    schema: settingsJsonSchema() as Schema<Record<string, unknown>>,
    // Keep the office's configuration copy as written, without the schema's defaults filled in.
    ajvOptions: { useDefaults: false },
    // Never empty a bad file: repairSettingsFile has already set it aside and restored the last good copy.
    clearInvalidConfig: false,
    // 0600: the file holds the staff link token.
    configFileMode: 0o600,
    // `kokuchi token --rotate` may write this file from another process while the kiosk runs.
    watch: true,
  });
  const settings = settingsStoreOver(store, () => keepLastGoodCopy(store.path, isUsableSettings));
  return { settings, file: store.path, problems };
}
