// Composition root of the Electron kiosk: wires the small parts by hand, in order.
// Bundled to dist/main/main.cjs.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import ElectronStore from 'electron-store';
import { startKiosk } from '../core/start-kiosk.js';
import { registerAppScheme, serveAppProtocol } from './app-protocol.js';
import { findConfigPath } from './config-location.js';
import { lockdownInput } from './input-lockdown.js';
import { wireKioskIpc } from './ipc.js';
import { createKioskWindow, loadKioskPage, reloadWhenGone } from './kiosk-window.js';
import { denyNavigation } from './navigation.js';
import { closeCoreBeforeQuit } from './orderly-quit.js';
import { denyPermissions } from './permissions.js';
import { openSettingsStore } from './settings-store.js';

// Privileges can only be granted before `ready`.
registerAppScheme(protocol);

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

  const configPath = findConfigPath(
    { env: process.env, exePath: app.getPath('exe'), appPath, packaged, userDataDir },
    existsSync,
  );
  const core = await startKiosk({
    dataDir: userDataDir,
    ...(configPath === undefined ? {} : { configPath }),
    settings: openSettingsStore(ElectronStore),
    version: app.getVersion(),
    localesDir: path.join(appPath, 'locales'),
  });
  closeCoreBeforeQuit(app, core);

  kioskWindow = createKioskWindow(BrowserWindow, {
    preloadPath: path.join(appPath, 'dist', 'preload', 'preload.cjs'),
    packaged,
  });
  const page = kioskWindow.webContents;
  lockdownInput(page, { packaged });
  reloadWhenGone(page);
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
