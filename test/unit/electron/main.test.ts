// The composition root, wired against the fake electron, the real electron-store on a
// temp userData folder, and a recording core.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { KioskCore, StartKioskOptions } from '../../../electron/core/kiosk-core.js';
import { HIDDEN_CURSOR_CSS } from '../../../electron/main/pointer-cursor.js';
import type { RecoveryAction, RecoveryCause } from '../../../electron/shared/events.js';
import { KIOSK_CALLS } from '../../../electron/shared/kiosk-api.js';
import {
  app,
  BrowserWindow,
  FakeAutoUpdater,
  FakeWebContents,
  fakeEvent,
  ipcMain,
  Menu,
  powerSaveBlocker,
  protocol,
  session,
} from '../../fixtures/fake-electron.js';

vi.mock('electron', () => import('../../fixtures/fake-electron.js'));
const updater = vi.hoisted(() => ({ current: null as FakeAutoUpdater | null }));
vi.mock('electron-updater', async () => {
  const { FakeAutoUpdater: Updater } = await import('../../fixtures/fake-electron.js');
  updater.current = new Updater();
  return { autoUpdater: updater.current };
});

const started: StartKioskOptions[] = [];
const closed: (string | undefined)[] = [];
const recoveries: [RecoveryCause, RecoveryAction][] = [];
const exitListeners = new Set<() => void>();
const core: KioskCore = {
  call: async () => ({ ok: true }) as never,
  onView: () => () => undefined,
  setScreenConnected: () => undefined,
  staffLinkUrl: 'http://127.0.0.1:4780/',
  close: async (reason) => {
    closed.push(reason);
  },
  recordRecovery: async (cause, action) => {
    recoveries.push([cause, action]);
  },
  recordUpdateRefused: async () => undefined,
  onExitRequested: (listener) => {
    exitListeners.add(listener);
    return () => exitListeners.delete(listener);
  },
};
vi.mock('../../../electron/core/start-kiosk.js', () => ({
  startKiosk: async (options: StartKioskOptions) => {
    started.push(options);
    return core;
  },
}));

let userData: string;
let configFile: string;
const FEED = 'https://updates.office.lan/kokuchi/';

beforeAll(async () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  userData = mkdtempSync(path.join(tmpdir(), 'kokuchi-main-'));
  // A settings file torn by a power cut, and the copy the last good write left beside it.
  writeFileSync(path.join(userData, 'settings.json'), '{"kioskId": "kiosk-42", "staffTo');
  writeFileSync(path.join(userData, 'settings.json.last-good'), '{"kioskId":"kiosk-42"}');
  configFile = path.join(userData, 'counter.json');
  writeFileSync(configFile, JSON.stringify({ counterId: 'shimin-3', updates: { url: FEED } }));
  vi.stubEnv('KOKUCHI_CONFIG', configFile);
  vi.stubEnv('APPIMAGE', '/srv/kiosk/Kokuchi.AppImage');
  app.isPackaged = true;
  app.paths = { userData, exe: '/opt/Kokuchi/kokuchi' };
  await import('../../../electron/main/main.js');
  await vi.waitFor(() => expect(BrowserWindow.created[0]?.webContents.loadedUrls).toEqual(['kokuchi://app/index.html']));
});

afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(userData, { recursive: true, force: true });
});

function kioskPage(): FakeWebContents {
  const page = BrowserWindow.created[0]?.webContents;
  if (!page) throw new Error('no kiosk window');
  return page;
}

describe('main', () => {
  it('sandboxes every renderer and registers kokuchi as a privileged scheme and serves it', () => {
    expect(app.sandboxEnabled).toBe(true);
    expect(protocol.privilegedSchemes.map((s) => s.scheme)).toEqual(['kokuchi']);
    expect([...protocol.handlers.keys()]).toEqual(['kokuchi']);
  });

  it('starts the core on userData with the found configuration', () => {
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({
      dataDir: userData,
      configPath: configFile,
      version: '0.0.0-test',
      localesDir: '/opt/Kokuchi/resources/app.asar/locales',
    });
  });

  it('sets a torn settings file aside, restores the last good copy and reports it on the maintenance screen', () => {
    expect(started[0]?.problems).toHaveLength(1);
    expect(started[0]?.problems?.[0]).toMatch(/settings\.json was not valid JSON .*settings\.json\.corrupt-.*last good copy/);
    expect(readdirSync(userData).filter((name) => name.startsWith('settings.json.corrupt-'))).toHaveLength(1);
    expect(started[0]?.settings.get('kioskId')).toBe('kiosk-42');
  });

  it('keeps settings in electron-store under userData, with a copy of the configuration that loaded', () => {
    started[0]?.settings.set('staffToken', 't'.repeat(43));
    const saved = JSON.parse(readFileSync(path.join(userData, 'settings.json'), 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ kioskId: 'kiosk-42', staffToken: 't'.repeat(43) });
    expect(saved.lastGoodConfig).toMatchObject({ path: configFile, config: { counterId: 'shimin-3', updates: { url: FEED } } });
    expect(JSON.parse(readFileSync(path.join(userData, 'settings.json.last-good'), 'utf8'))).toEqual(saved);
  });

  it('removes the application menu, and with it its reload, zoom and devtools accelerators', () => {
    expect(Menu.applicationMenus).toEqual([null]);
  });

  it('opens one locked-down kiosk window with the bundled preload', () => {
    expect(BrowserWindow.created).toHaveLength(1);
    expect(BrowserWindow.created[0]?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      devTools: false,
      preload: '/opt/Kokuchi/resources/app.asar/dist/preload/preload.cjs',
    });
  });

  it('denies permissions and navigation for every web contents', () => {
    expect(session.defaultSession.permissionCheckHandler?.(null, 'media')).toBe(false);
    const contents = new FakeWebContents();
    app.emit('web-contents-created', fakeEvent(), contents);
    const attempt = fakeEvent({ url: 'https://evil.example/' });
    contents.emit('will-navigate', attempt);
    expect(attempt.defaultPrevented).toBe(true);
  });

  it('answers every KioskApi call over IPC', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.keys(KIOSK_CALLS).map((c) => `kokuchi:${c}`).sort());
  });

  it('keeps the display awake and hides the cursor on the touch screen', () => {
    expect(powerSaveBlocker.started.map((s) => s.type)).toEqual(['prevent-display-sleep']);
    kioskPage().emit('did-finish-load');
    expect(kioskPage().insertedCss).toEqual([HIDDEN_CURSOR_CSS]);
  });

  it('follows the LAN update feed of the configuration', () => {
    expect(updater.current?.feeds).toEqual([{ provider: 'generic', url: FEED }]);
  });

  it('records a crashed page with the core and reloads it', async () => {
    kioskPage().emit('render-process-gone', fakeEvent(), { reason: 'oom' });
    expect(recoveries).toEqual([['oom', 'reload']]);
    await vi.waitFor(() => expect(kioskPage().reloads).toBe(1), { timeout: 3000 });
  });

  it("refuses to close the window for a resident, and quits on the admin screen's exit, closing the core with kiosk-restart first", async () => {
    expect(BrowserWindow.created[0]?.close()).toBe(false);
    expect(app.quitCalls).toBe(0);
    for (const listener of exitListeners) listener();
    expect(app.quitCalls).toBe(1);
    const quitting = fakeEvent();
    app.emit('before-quit', quitting);
    expect(quitting.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(app.quitCalls).toBe(2));
    expect(closed).toEqual(['kiosk-restart']);
    expect(BrowserWindow.created[0]?.close()).toBe(true);
    expect(existsSync(path.join(userData, 'settings.json'))).toBe(true);
  });
});
