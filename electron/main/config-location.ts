// The Electron shell's "beside the app" folders; the order in which the configuration file
// is looked for is the core's (findConfigPath), the same as the headless shell's.
import path from 'node:path';

export interface AppPlaces {
  env: Readonly<Record<string, string | undefined>>;
  /** app.getPath('exe'). */
  exePath: string;
  /** app.getAppPath(): the project folder in development, the asar when packaged. */
  appPath: string;
  packaged: boolean;
}

/** The folders "beside the app", nearest first. */
export function appFolders(places: AppPlaces): string[] {
  const folders: string[] = [];
  // An AppImage runs from a temporary mount; the file beside it is beside $APPIMAGE.
  const appImage = places.env.APPIMAGE;
  if (appImage) folders.push(path.dirname(appImage));
  folders.push(places.packaged ? path.dirname(places.exePath) : places.appPath);
  return folders;
}
