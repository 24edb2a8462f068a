// The shell reads kokuchi.config.json for its own part (`kiosk`, `updates`), and keeps a
// copy of the file each time it loads cleanly, so that a technician facing a broken file
// has the last working one at hand (settings.json, `lastGoodConfig`).
import { readFile } from 'node:fs/promises';
import { EXAMPLE_CONFIG, parseConfigText } from '../core/config/load-config.js';
import type { KioskConfig } from '../core/config/schema.js';
import type { SettingsStore } from '../core/kiosk-core.js';
import { lastGoodConfigSchema, type LastGoodConfig } from './settings-schema.js';

export const LAST_GOOD_CONFIG_KEY = 'lastGoodConfig';

export interface ShellConfig {
  config: KioskConfig;
  /** Only the pointer to the last good copy; the core reports the configuration's own problems. */
  problems: string[];
}

function storedCopy(settings: SettingsStore): LastGoodConfig | null {
  const stored = settings.get(LAST_GOOD_CONFIG_KEY);
  return lastGoodConfigSchema.safeParse(stored).success ? (stored as LastGoodConfig) : null;
}

export async function readShellConfig(
  configPath: string | undefined,
  store: { settings: SettingsStore; file: string },
  now: () => Date = () => new Date(),
): Promise<ShellConfig> {
  if (configPath === undefined) return { config: EXAMPLE_CONFIG, problems: [] };
  let text: string | null = null;
  try {
    text = await readFile(configPath, 'utf8');
  } catch {
    // The core says why it cannot be read.
  }
  const loaded = text === null ? null : parseConfigText(text, configPath);
  const previous = storedCopy(store.settings);
  if (text !== null && loaded !== null && loaded.problems.length === 0) {
    const config = JSON.parse(text) as LastGoodConfig['config'];
    if (previous?.path !== configPath || JSON.stringify(previous.config) !== JSON.stringify(config)) {
      store.settings.set(LAST_GOOD_CONFIG_KEY, { path: configPath, savedAt: now().toISOString(), config });
    }
    return { config: loaded.config, problems: [] };
  }
  const hint =
    previous === null
      ? []
      : [`the configuration that last loaded cleanly (${previous.path}, ${previous.savedAt}) is kept in ${store.file} under "${LAST_GOOD_CONFIG_KEY}"`];
  return { config: loaded?.config ?? EXAMPLE_CONFIG, problems: hint };
}
