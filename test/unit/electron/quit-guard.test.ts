import { describe, expect, it } from 'vitest';
import type { KioskCore } from '../../../electron/core/kiosk-core.js';
import { keepWindowOpen, quitOnAdminExit } from '../../../electron/main/quit-guard.js';
import { BrowserWindow, FakeApp, fakeEvent } from '../../fixtures/fake-electron.js';

describe('keepWindowOpen', () => {
  it("refuses a resident's close (Alt+F4, window.close()) while the app is not quitting", () => {
    const app = new FakeApp();
    const window = new BrowserWindow();
    keepWindowOpen(window, app, { packaged: true });
    expect(window.close()).toBe(false);
    expect(window.close()).toBe(false);
  });

  it('lets the window close once the app quits (admin exit, shutdown, systemctl stop)', () => {
    const app = new FakeApp();
    const window = new BrowserWindow();
    keepWindowOpen(window, app, { packaged: true });
    app.emit('before-quit', fakeEvent());
    expect(window.close()).toBe(true);
  });

  it('lets Windows close it when the session ends', () => {
    const app = new FakeApp();
    const window = new BrowserWindow();
    keepWindowOpen(window, app, { packaged: true });
    window.emit('session-end', fakeEvent());
    expect(window.close()).toBe(true);
  });

  it('leaves closing to the developer when not packaged', () => {
    const window = new BrowserWindow();
    keepWindowOpen(window, new FakeApp(), { packaged: false });
    expect(window.close()).toBe(true);
  });
});

describe('quitOnAdminExit', () => {
  it("quits the app when the admin screen's exit is requested, and only then", () => {
    const app = new FakeApp();
    const listeners = new Set<() => void>();
    const core: Pick<KioskCore, 'onExitRequested'> = {
      onExitRequested: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    quitOnAdminExit(core, app);
    expect(app.quitCalls).toBe(0);
    for (const listener of listeners) listener();
    expect(app.quitCalls).toBe(1);
  });
});
