// The real core started in the test's own process, the way both shells start it, for tests
// that call it directly and talk to its staff link on loopback.
import { join } from 'node:path';
import type { KioskCore, SettingsStore, StartKioskOptions } from '../../electron/core/kiosk-core.js';
import { startKiosk } from '../../electron/core/start-kiosk.js';
import { ROOT, TOKEN, writeKioskConfig } from './kiosk-process.js';

/** Settings kept in memory for one kiosk: what the core stores (kioskId, staffToken) stays readable to the test. */
export function memorySettings(): SettingsStore {
  const values = new Map<string, unknown>();
  return { get: (key) => values.get(key), set: (key, value) => void values.set(key, value) };
}

export interface CoreInProcessOptions extends Partial<StartKioskOptions> {
  dataDir: string;
  /** Written as `kokuchi.config.json` in the data folder before the start; absent → the example office. */
  config?: unknown;
}

/**
 * Starts the core on 127.0.0.1, a free port and the test token, with fresh in-memory settings.
 * `overrides` are laid over those (`{ token: undefined }` leaves the token to the configuration
 * and the settings); every other option replaces its default.
 */
export async function startCoreInProcess({ config, overrides, ...options }: CoreInProcessOptions): Promise<KioskCore> {
  const configPath = config === undefined ? undefined : await writeKioskConfig(options.dataDir, config);
  return startKiosk({
    ...(configPath !== undefined && { configPath }),
    settings: memorySettings(),
    version: '0.0.0-test',
    localesDir: join(ROOT, 'locales'),
    ...options,
    overrides: { host: '127.0.0.1', port: 0, token: TOKEN, ...overrides },
  });
}
