// When reloading the page does not help, the whole kiosk starts again. Under systemd the
// service restarts it (a second copy started by Electron would outlive the compositor);
// elsewhere Electron starts the new copy itself.
import type { KioskCore } from '../core/index.js';
import { closeCoreWithin } from './orderly-quit.js';

/** Exit status that tells the service manager the kiosk wants to be started again (EX_TEMPFAIL). */
export const RELAUNCH_EXIT_CODE = 75;

export interface RelaunchingApp {
  relaunch(options?: { execPath?: string; args?: string[] }): void;
  exit(exitCode?: number): void;
}

export interface RelaunchContext {
  env: Readonly<Record<string, string | undefined>>;
  /** process.argv: the new copy gets the same arguments. */
  argv: readonly string[];
}

/** systemd sets INVOCATION_ID in every service it starts. */
export function runsUnderServiceManager(env: RelaunchContext['env']): boolean {
  return Boolean(env.INVOCATION_ID);
}

export async function relaunchKiosk(
  app: RelaunchingApp,
  core: Pick<KioskCore, 'close'>,
  context: RelaunchContext,
  timeoutMs = 5000,
): Promise<void> {
  await closeCoreWithin(core, 'kiosk-restart', timeoutMs);
  if (runsUnderServiceManager(context.env)) {
    app.exit(RELAUNCH_EXIT_CODE);
    return;
  }
  // An AppImage runs from a mount that disappears with this process: start the AppImage file again.
  const appImage = context.env.APPIMAGE;
  app.relaunch(appImage ? { execPath: appImage, args: context.argv.slice(1) } : undefined);
  app.exit(0);
}
