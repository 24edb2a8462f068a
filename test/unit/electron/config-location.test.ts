import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_FILE_NAME, findConfigPath, type ConfigPlaces } from '../../../electron/main/config-location.js';

const PACKAGED: ConfigPlaces = {
  env: {},
  exePath: '/opt/Kokuchi/kokuchi',
  appPath: '/opt/Kokuchi/resources/app.asar',
  packaged: true,
  userDataDir: '/home/counter/.config/Kokuchi',
};

const only = (...files: string[]) => (file: string) => files.includes(file);

describe('findConfigPath', () => {
  it('prefers KOKUCHI_CONFIG, even when the file is missing', () => {
    const places = { ...PACKAGED, env: { KOKUCHI_CONFIG: '/etc/kokuchi/counter.json' } };
    expect(findConfigPath(places, only())).toBe(path.resolve('/etc/kokuchi/counter.json'));
  });

  it('then the file beside the executable, then the one in userData', () => {
    const beside = path.join('/opt/Kokuchi', CONFIG_FILE_NAME);
    const inData = path.join(PACKAGED.userDataDir, CONFIG_FILE_NAME);
    expect(findConfigPath(PACKAGED, only(beside, inData))).toBe(beside);
    expect(findConfigPath(PACKAGED, only(inData))).toBe(inData);
    expect(findConfigPath(PACKAGED, only())).toBeUndefined();
  });

  it('looks beside the AppImage file, not inside its temporary mount', () => {
    const places = { ...PACKAGED, exePath: '/tmp/.mount_KokuchXYZ/kokuchi', env: { APPIMAGE: '/srv/kiosk/Kokuchi.AppImage' } };
    const beside = path.join('/srv/kiosk', CONFIG_FILE_NAME);
    expect(findConfigPath(places, only(beside))).toBe(beside);
  });

  it('looks in the project folder during development', () => {
    const places = { ...PACKAGED, packaged: false, exePath: '/work/node_modules/electron/dist/electron', appPath: '/work' };
    const inProject = path.join('/work', CONFIG_FILE_NAME);
    expect(findConfigPath(places, only(inProject))).toBe(inProject);
  });
});
