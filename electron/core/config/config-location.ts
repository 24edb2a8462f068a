// Where kokuchi.config.json is looked for, the same in both shells: the path named on the
// command line, KOKUCHI_CONFIG, beside the app, then the data folder. None found → the
// core runs the built-in example office.
import { existsSync } from 'node:fs';
import path from 'node:path';

export const CONFIG_FILE_NAME = 'kokuchi.config.json';
export const CONFIG_PATH_ENV = 'KOKUCHI_CONFIG';

export interface ConfigPlaces {
  /** `--config` (the headless shell); the Electron kiosk has none. */
  flag?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  /** The folders "beside the app", nearest first (the shell knows where it was started from). */
  appFolders: readonly string[];
  /** The data folder (Electron's userData, or `--data`). */
  dataDir: string;
}

/** The folders searched for the file, in order (no duplicates). */
export function configFolders(places: ConfigPlaces): string[] {
  return [...new Set([...places.appFolders, places.dataDir].map((folder) => path.resolve(folder)))];
}

export function findConfigPath(places: ConfigPlaces, exists: (file: string) => boolean = existsSync): string | undefined {
  // Named explicitly → used even if missing, so the maintenance page and `doctor` say so.
  const named = places.flag ?? places.env[CONFIG_PATH_ENV];
  if (named) return path.resolve(named);
  return configFolders(places)
    .map((folder) => path.join(folder, CONFIG_FILE_NAME))
    .find((file) => exists(file));
}
