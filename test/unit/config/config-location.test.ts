import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findConfig } from '../../../electron/cli/app-paths.js';
import { CONFIG_FILE_NAME, findConfigPath, type ConfigPlaces } from '../../../electron/core/index.js';
import { appFolders, type AppPlaces } from '../../../electron/main/config-location.js';

const PACKAGED: AppPlaces = { env: {}, exePath: '/opt/Kokuchi/kokuchi', appPath: '/opt/Kokuchi/resources/app.asar', packaged: true };
const USER_DATA = '/home/counter/.config/Kokuchi';
const only = (...files: string[]) => (file: string) => files.includes(file);
const electronPlaces = (app: AppPlaces): ConfigPlaces => ({ env: app.env, appFolders: appFolders(app), dataDir: USER_DATA });

describe('where the configuration file is looked for (one order, both shells)', () => {
  it('prefers KOKUCHI_CONFIG, even when the file is missing', () => {
    const places = electronPlaces({ ...PACKAGED, env: { KOKUCHI_CONFIG: '/etc/kokuchi/counter.json' } });
    expect(findConfigPath(places, only())).toBe(path.resolve('/etc/kokuchi/counter.json'));
  });

  it('a --config flag wins over KOKUCHI_CONFIG', () => {
    const places = { ...electronPlaces(PACKAGED), flag: 'mine.json', env: { KOKUCHI_CONFIG: '/etc/kokuchi/counter.json' } };
    expect(findConfigPath(places, only())).toBe(path.resolve('mine.json'));
  });

  it('then the file beside the executable, then the one in userData', () => {
    const beside = path.join('/opt/Kokuchi', CONFIG_FILE_NAME);
    const inData = path.join(USER_DATA, CONFIG_FILE_NAME);
    const places = electronPlaces(PACKAGED);
    expect(findConfigPath(places, only(beside, inData))).toBe(beside);
    expect(findConfigPath(places, only(inData))).toBe(inData);
    expect(findConfigPath(places, only())).toBeUndefined();
  });

  it('looks beside the AppImage file, not inside its temporary mount', () => {
    const places = electronPlaces({ ...PACKAGED, exePath: '/tmp/.mount_KokuchXYZ/kokuchi', env: { APPIMAGE: '/srv/kiosk/Kokuchi.AppImage' } });
    const beside = path.join('/srv/kiosk', CONFIG_FILE_NAME);
    expect(findConfigPath(places, only(beside, path.join('/tmp/.mount_KokuchXYZ', CONFIG_FILE_NAME)))).toBe(beside);
  });

  it('looks in the project folder during development', () => {
    const places = electronPlaces({ ...PACKAGED, packaged: false, exePath: '/src/node_modules/electron/dist/electron', appPath: '/src' });
    const inProject = path.join('/src', CONFIG_FILE_NAME);
    expect(findConfigPath(places, only(inProject))).toBe(inProject);
  });

  describe('on disk, the headless shell takes the same file as the Electron shell', () => {
    let root: string;
    let appRoot: string;
    let dataDir: string;
    beforeEach(async () => {
      root = await mkdtemp(path.join(tmpdir(), 'kokuchi-config-place-'));
      appRoot = path.join(root, 'app');
      dataDir = path.join(root, 'data');
      await mkdir(appRoot);
      await mkdir(dataDir);
    });
    afterEach(() => rm(root, { recursive: true, force: true }));

    it('beside the app before the data folder, whichever shell asks', async () => {
      const beside = path.join(appRoot, CONFIG_FILE_NAME);
      const inData = path.join(dataDir, CONFIG_FILE_NAME);
      await writeFile(inData, '{}');
      expect(findConfig(undefined, dataDir, appRoot, {})).toBe(inData);
      await writeFile(beside, '{}');
      const electron = findConfigPath({ env: {}, appFolders: appFolders({ env: {}, exePath: '', appPath: appRoot, packaged: false }), dataDir });
      expect(findConfig(undefined, dataDir, appRoot, {})).toBe(beside);
      expect(electron).toBe(beside);
    });
  });
});
