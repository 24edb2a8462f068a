// The composition root, wired against the fake electron and a recording core.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { KioskCore, StartKioskOptions } from '../../../electron/core/kiosk-core.js';
import { KIOSK_CALLS } from '../../../electron/shared/kiosk-api.js';
import { app, BrowserWindow, FakeWebContents, fakeEvent, ipcMain, protocol, session } from '../../fixtures/fake-electron.js';

vi.mock('electron', () => import('../../fixtures/fake-electron.js'));
vi.mock('electron-store', () => ({
  default: class {
    readonly values = new Map<string, unknown>();
    get(key: string): unknown {
      return this.values.get(key);
    }
    set(key: string, value: unknown): void {
      this.values.set(key, value);
    }
    delete(key: string): void {
      this.values.delete(key);
    }
  },
}));

const started: StartKioskOptions[] = [];
const closed: (string | undefined)[] = [];
const core: KioskCore = {
  call: async () => ({ ok: true }) as never,
  onView: () => () => undefined,
  setScreenConnected: () => undefined,
  staffLinkUrl: 'http://127.0.0.1:4780/',
  close: async (reason) => {
    closed.push(reason);
  },
};
vi.mock('../../../electron/core/start-kiosk.js', () => ({
  startKiosk: async (options: StartKioskOptions) => {
    started.push(options);
    return core;
  },
}));

beforeAll(async () => {
  vi.stubEnv('KOKUCHI_CONFIG', '/etc/kokuchi/counter.json');
  app.isPackaged = true;
  app.paths = { userData: '/var/lib/kokuchi', exe: '/opt/Kokuchi/kokuchi' };
  await import('../../../electron/main/main.js');
  await vi.waitFor(() => expect(BrowserWindow.created[0]?.webContents.loadedUrls).toEqual(['kokuchi://app/index.html']));
});

afterAll(() => {
  vi.unstubAllEnvs();
});

describe('main', () => {
  it('registers kokuchi as a privileged scheme and serves it', () => {
    expect(protocol.privilegedSchemes.map((s) => s.scheme)).toEqual(['kokuchi']);
    expect([...protocol.handlers.keys()]).toEqual(['kokuchi']);
  });

  it('starts the core on userData with the found configuration', () => {
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({
      dataDir: '/var/lib/kokuchi',
      configPath: '/etc/kokuchi/counter.json',
      version: '0.0.0-test',
      localesDir: '/opt/Kokuchi/resources/app.asar/locales',
    });
    started[0]?.settings.set('kioskId', 'k1');
    expect(started[0]?.settings.get('kioskId')).toBe('k1');
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

  it('closes the core with kiosk-restart before quitting', async () => {
    const quitting = fakeEvent();
    app.emit('before-quit', quitting);
    expect(quitting.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(app.quitCalls).toBe(1));
    expect(closed).toEqual(['kiosk-restart']);
  });
});
