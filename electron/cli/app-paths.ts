// Where the headless shell finds its data and configuration, matching Electron's
// userData folder so that both shells of one kiosk share a ledger.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'Kokuchi';
export const CONFIG_FILE = 'kokuchi.config.json';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}

/** `--config`, else `KOKUCHI_CONFIG`, else the data folder's file, else the one beside the app. */
export function findConfig(flag: string | undefined, dataDir: string, appRoot: string, env = process.env): string | undefined {
  if (flag) return flag;
  if (env.KOKUCHI_CONFIG) return env.KOKUCHI_CONFIG;
  return [join(dataDir, CONFIG_FILE), join(appRoot, CONFIG_FILE)].find((path) => existsSync(path));
}
