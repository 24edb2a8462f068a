// The shell reads kokuchi.config.json for its own part (`kiosk`, `updates`), and keeps a
// copy of the file each time it loads cleanly, so that a technician facing a broken file
// has the last working one at hand (settings.json, `lastGoodConfig`). While the file is
// broken or missing, that copy — not the example office — sets the shell's part and the
// core's admin PIN and TLS, so no fallback lowers a guard.
import { readFile } from 'node:fs/promises';
import { EXAMPLE_CONFIG, parseConfigText, configSchema, type KioskConfig, type SettingsStore } from '../core/index.js';
import { lastGoodConfigSchema, type LastGoodConfig } from './settings-schema.js';

export const LAST_GOOD_CONFIG_KEY = 'lastGoodConfig';

export interface ShellConfig {
  config: KioskConfig;
  /** Only the pointer to the last good copy; the core reports the configuration's own problems. */
  problems: string[];
  /** The configuration that last loaded cleanly (this one, if it did), for the core's guards. */
  lastGood?: KioskConfig;
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
  const previous = storedCopy(store.settings);
  const lastGood = previous === null ? undefined : configSchema.parse(previous.config);
  if (configPath === undefined) {
    return lastGood === undefined ? { config: EXAMPLE_CONFIG, problems: [] } : { config: lastGood, problems: [hint(previous, store.file)], lastGood };
  }
  let text: string | null = null;
  try {
    text = await readFile(configPath, 'utf8');
  } catch {
    // The core says why it cannot be read.
  }
  const loaded = text === null ? null : parseConfigText(text, configPath);
  if (text !== null && loaded !== null && loaded.problems.length === 0) {
    const config = JSON.parse(text) as LastGoodConfig['config'];
    if (previous?.path !== configPath || JSON.stringify(previous.config) !== JSON.stringify(config)) {
      store.settings.set(LAST_GOOD_CONFIG_KEY, { path: configPath, savedAt: now().toISOString(), config });
    }
    return { config: loaded.config, problems: [], lastGood: loaded.config };
  }
  if (lastGood === undefined) return { config: loaded?.config ?? EXAMPLE_CONFIG, problems: [] };
  return { config: lastGood, problems: [hint(previous, store.file)], lastGood };
}

function hint(previous: LastGoodConfig | null, file: string): string {
  return `the configuration that last loaded cleanly (${previous?.path}, ${previous?.savedAt}) is kept in ${file} under "${LAST_GOOD_CONFIG_KEY}"`;
}
