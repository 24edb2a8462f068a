import { describe, expect, it, vi } from 'vitest';
import {
  createKioskWindow,
  kioskWindowOptions,
  loadKioskPage,
  reloadWhenGone,
} from '../../../electron/main/kiosk-window.js';
import { BrowserWindow, FakeWebContents } from '../../fixtures/fake-electron.js';

describe('kioskWindowOptions', () => {
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

  it('keeps devtools available in development only', () => {
    expect(kioskWindowOptions({ preloadPath: 'p', packaged: false }).webPreferences?.devTools).toBe(true);
  });
});

describe('createKioskWindow', () => {
  it('builds the window from those options, shows it once painted, and loads kokuchi://app/index.html', async () => {
    const window = createKioskWindow(BrowserWindow, { preloadPath: 'p.cjs', packaged: true });
    expect(window.options).toEqual(kioskWindowOptions({ preloadPath: 'p.cjs', packaged: true }));
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
    await loadKioskPage(window);
    expect(window.webContents.loadedUrls).toEqual(['kokuchi://app/index.html']);
  });
});

describe('reloadWhenGone', () => {
  it('reloads a crashed page after the delay, but not after a clean exit', () => {
    vi.useFakeTimers();
    try {
      const contents = new FakeWebContents();
      reloadWhenGone(contents, 100);
      contents.emit('render-process-gone', {}, { reason: 'clean-exit' });
      contents.emit('render-process-gone', {}, { reason: 'crashed' });
      expect(contents.reloads).toBe(0);
      vi.advanceTimersByTime(100);
      expect(contents.reloads).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
