// Quitting waits for the core to close open sessions in the ledger (`kiosk-restart`),
// but never hangs the shutdown on it.
import type { KioskCore, KioskEndReason } from '../core/index.js';

export interface QuittingApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

/** Closes the core, giving up after `timeoutMs`; never rejects. */
export async function closeCoreWithin(core: Pick<KioskCore, 'close'>, reason: KioskEndReason, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      console.error(`kokuchi: the core did not close within ${timeoutMs} ms; quitting anyway`);
      resolve();
    }, timeoutMs);
  });
  const closing = core.close(reason).catch((error: unknown) => {
    console.error('kokuchi: closing the core failed:', error instanceof Error ? error.message : String(error));
  });
  await Promise.race([closing, timeout]);
  clearTimeout(timer);
}

export function closeCoreBeforeQuit(app: QuittingApp, core: Pick<KioskCore, 'close'>, timeoutMs = 5000): void {
  let state: 'running' | 'closing' | 'closed' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    void closeCoreWithin(core, 'kiosk-restart', timeoutMs).then(() => {
      state = 'closed';
      app.quit();
    });
  });
}
