// Composition root of the Electron kiosk: wires the small parts by hand, in order.
// Bundled to dist/main/main.cjs.
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, powerSaveBlocker, protocol, screen, session } from 'electron';
import ElectronStore from 'electron-store';
import { autoUpdater } from 'electron-updater';
import { envStaffToken, findConfigPath, startKiosk } from '../core/index.js';
import { registerAppScheme, serveAppProtocol } from './app-protocol.js';
import { appFolders } from './config-location.js';
import { keepDisplayAwake } from './display-awake.js';
import { lockdownInput } from './input-lockdown.js';
import { wireKioskIpc } from './ipc.js';
import { relaunchKiosk } from './kiosk-relaunch.js';
import { createKioskWindow, loadKioskPage } from './kiosk-window.js';
import { followLanUpdates, lanUpdateFeed } from './lan-updates.js';
import { readShellConfig } from './last-good-config.js';
import { fetchSignatureOverHttps, updateKey } from './update-signature.js';
import { UPDATE_SIGNING_KEY } from './update-signing-key.js';
import { denyNavigation } from './navigation.js';
import { closeCoreBeforeQuit } from './orderly-quit.js';
import { healKioskPage } from './page-recovery.js';
import { denyPermissions } from './permissions.js';
import { hideCursorOnEveryLoad, shouldHideCursor } from './pointer-cursor.js';
import { keepWindowOpen, quitOnAdminExit } from './quit-guard.js';
import { openSettingsStore } from './settings-store.js';

// Privileges can only be granted before `ready`.
registerAppScheme(protocol);
// Every renderer sandboxed, whatever a window's own options say.
app.enableSandbox();

let kioskWindow: BrowserWindow | null = null;

async function runKiosk(): Promise<void> {
  app.on('web-contents-created', (_event, contents) => denyNavigation(contents));
  app.on('second-instance', () => {
    if (kioskWindow === null) return;
    if (kioskWindow.isMinimized()) kioskWindow.restore();
    kioskWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());

  await app.whenReady();
  const packaged = app.isPackaged;
  const appPath = app.getAppPath();
  const userDataDir = app.getPath('userData');
  // No menu → none of its reload, zoom or devtools accelerators.
  if (packaged) Menu.setApplicationMenu(null);

  serveAppProtocol(protocol, { rootDir: path.join(appPath, 'dist', 'renderer') });
  denyPermissions(session.defaultSession);

  const configPath = findConfigPath({
    env: process.env,
    appFolders: appFolders({ env: process.env, exePath: app.getPath('exe'), appPath, packaged }),
    dataDir: userDataDir,
  });
  const store = openSettingsStore(ElectronStore, userDataDir);
  const shell = await readShellConfig(configPath, store);
  const core = await startKiosk({
    dataDir: userDataDir,
    ...(configPath === undefined ? {} : { configPath }),
    settings: store.settings,
    version: app.getVersion(),
    localesDir: path.join(appPath, 'locales'),
    consoleDir: path.join(appPath, 'dist', 'renderer'),
    problems: [...store.problems, ...shell.problems],
    ...(shell.lastGood !== undefined && { lastGoodConfig: shell.lastGood }),
    overrides: { token: envStaffToken(process.env) },
  });
  closeCoreBeforeQuit(app, core);
  quitOnAdminExit(core, app);
  keepDisplayAwake(powerSaveBlocker, shell.config.kiosk.keepDisplayAwake);
  const feed = lanUpdateFeed({ url: shell.config.updates.url, packaged, platform: process.platform, env: process.env });
  if (feed !== null) {
    followLanUpdates(autoUpdater, feed, {
      key: updateKey(UPDATE_SIGNING_KEY),
      sources: { fetchSignature: fetchSignatureOverHttps },
      onRefused: (version, reason) => core.recordUpdateRefused(version, reason),
    });
  }

  kioskWindow = createKioskWindow(BrowserWindow, {
    preloadPath: path.join(appPath, 'dist', 'preload', 'preload.cjs'),
    packaged,
  });
  keepWindowOpen(kioskWindow, app, { packaged });
  const page = kioskWindow.webContents;
  lockdownInput(page, { packaged });
  if (shouldHideCursor(shell.config.kiosk.hideCursor, screen.getPrimaryDisplay().touchSupport)) hideCursorOnEveryLoad(page);
  healKioskPage(page, {
    core,
    relaunch: () => void relaunchKiosk(app, core, { env: process.env, argv: process.argv }),
  });
  wireKioskIpc({ ipcMain, core, page });
  kioskWindow.on('closed', () => {
    kioskWindow = null;
  });
  await loadKioskPage(kioskWindow);
}

if (app.requestSingleInstanceLock()) {
  runKiosk().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`kokuchi: the kiosk could not start: ${message}`);
    if (app.isReady()) dialog.showErrorBox('Kokuchi could not start', message);
    app.exit(1);
  });
} else {
  app.quit();
}
