// The headless shell's run-time settings (kiosk id, generated token), kept with `conf`:
// the same file format electron-store writes in the Electron app.
import Conf from 'conf';
import type { SettingsStore } from '../core/index.js';

/**
 * `watch` lets a running kiosk see `kokuchi token --rotate` from another process. conf polls
 * the file on Linux (fs.watchFile, every ~5 s, then a 1 s debounce), so a change lands within ~6 s.
 */
export function openSettings(dataDir: string, options: { watch?: boolean } = {}): SettingsStore {
  // 0600: the file holds the staff link token.
  const file = new Conf<Record<string, unknown>>({
    cwd: dataDir,
    configName: 'settings',
    projectName: 'kokuchi',
    configFileMode: 0o600,
    watch: options.watch ?? false,
  });
  return {
    get: (key) => file.get(key),
    set: (key, value) => file.set(key, value),
    onDidChange: (key, listener) => file.onDidChange(key, (value) => listener(value)),
  };
}
