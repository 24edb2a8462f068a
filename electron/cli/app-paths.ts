// Where the headless shell finds its data and configuration, matching Electron's
// userData folder so that both shells of one kiosk share a ledger.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { findConfigPath } from '../core/index.js';

export const PRODUCT_NAME = 'Kokuchi';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}

/** The headless shell's configuration file, in the core's order (`findConfigPath`): the app folder is "beside the app". */
export function findConfig(flag: string | undefined, dataDir: string, appRoot: string, env = process.env): string | undefined {
  return findConfigPath({ flag, env, appFolders: [appRoot], dataDir });
}
