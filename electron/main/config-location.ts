// Where kokuchi.config.json is looked for: KOKUCHI_CONFIG, beside the app, then the
// data folder. None found → the core runs the built-in example office.
import path from 'node:path';

export const CONFIG_FILE_NAME = 'kokuchi.config.json';

export interface ConfigPlaces {
  env: Readonly<Record<string, string | undefined>>;
  /** app.getPath('exe'). */
  exePath: string;
  /** app.getAppPath(): the project folder in development, the asar when packaged. */
  appPath: string;
  packaged: boolean;
  userDataDir: string;
}

/** The folders "beside the app", nearest first. */
export function configFolders(places: ConfigPlaces): string[] {
  const folders: string[] = [];
  // An AppImage runs from a temporary mount; the file beside it is beside $APPIMAGE.
  const appImage = places.env.APPIMAGE;
  if (appImage) folders.push(path.dirname(appImage));
  folders.push(places.packaged ? path.dirname(places.exePath) : places.appPath);
  folders.push(places.userDataDir);
  return [...new Set(folders)];
}

export function findConfigPath(places: ConfigPlaces, exists: (file: string) => boolean): string | undefined {
  // Named explicitly → used even if missing, so the maintenance page and `doctor` say so.
  const named = places.env.KOKUCHI_CONFIG;
  if (named) return path.resolve(named);
  return configFolders(places)
    .map((folder) => path.join(folder, CONFIG_FILE_NAME))
    .find((file) => exists(file));
}
