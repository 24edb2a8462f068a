import { describe, expect, it } from 'vitest';
import { createKioskWindow, loadKioskPage, type KioskWindowOptions } from '../../../electron/main/kiosk-window.js';
import { BrowserWindow } from '../../fixtures/fake-electron.js';

/** The options the kiosk window is built with, as Electron receives them. */
function kioskWindowOptions(options: KioskWindowOptions) {
  return createKioskWindow(BrowserWindow, options).options;
}

describe('the kiosk window options', () => {
  it('isolates and sandboxes the page and loads only our preload', () => {
    const options = kioskWindowOptions({ preloadPath: '/app/dist/preload/preload.cjs', packaged: true });
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, autoHideMenuBar: true });
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      webviewTag: false,
      devTools: false,
      preload: '/app/dist/preload/preload.cjs',
    });
  });

  it('turns on nothing the security checklist warns about', () => {
    const preferences = kioskWindowOptions({ preloadPath: 'p', packaged: true }).webPreferences ?? {};
    expect(preferences).toMatchObject({ allowRunningInsecureContent: false, nodeIntegrationInSubFrames: false });
    for (const risky of ['experimentalFeatures', 'enableBlinkFeatures', 'nodeIntegrationInWorker'] as const) {
      expect(preferences[risky]).toBeFalsy();
    }
  });

  it('keeps devtools available in development only', () => {
    expect(kioskWindowOptions({ preloadPath: 'p', packaged: false }).webPreferences?.devTools).toBe(true);
  });
});

describe('createKioskWindow', () => {
  it('builds the window hidden, shows it once painted, and loads kokuchi://app/index.html', async () => {
    const window = createKioskWindow(BrowserWindow, { preloadPath: 'p.cjs', packaged: true });
    expect(window.options).toMatchObject({ show: false });
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
    await loadKioskPage(window);
    expect(window.webContents.loadedUrls).toEqual(['kokuchi://app/index.html']);
  });
});
