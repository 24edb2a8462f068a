// The headless shell's run-time settings (kiosk id, generated token), kept with `conf`:
// the same file format electron-store writes in the Electron app.
import Conf from 'conf';
import type { SettingsStore } from '../core/kiosk-core.js';

export function openSettings(dataDir: string): SettingsStore {
  // 0600: the file holds the staff link token.
  return new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'settings', projectName: 'kokuchi', configFileMode: 0o600 });
}
