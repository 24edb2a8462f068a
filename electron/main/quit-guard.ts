// A resident cannot close the kiosk: the window closes only when the app itself quits —
// through the admin screen's "exit kiosk", or the operating system or service manager
// (shutdown, `systemctl stop`), whose quit must never be refused.
import type { KioskCore } from '../core/index.js';

export interface GuardedWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  /** Windows logs off or shuts down. */
  on(event: 'session-end', listener: () => void): unknown;
}

export interface QuitSignals {
  on(event: 'before-quit', listener: () => void): unknown;
}

/** Refuses Alt+F4, a window manager's close and the page's `window.close()` unless the app is quitting; in development only when packaged. */
export function keepWindowOpen(window: GuardedWindow, app: QuitSignals, options: { packaged: boolean }): void {
  if (!options.packaged) return;
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });
  window.on('session-end', () => {
    quitting = true;
  });
  window.on('close', (event) => {
    if (!quitting) event.preventDefault();
  });
}

/** "Exit kiosk" on the admin screen quits the app (and with it, orderly, the core). */
export function quitOnAdminExit(core: Pick<KioskCore, 'onExitRequested'>, app: { quit(): void }): () => void {
  return core.onExitRequested(() => app.quit());
}
