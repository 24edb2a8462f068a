// Updates come from a generic electron-updater feed on the office LAN (`updates.url`),
// never from the internet. Only a packaged AppImage or Windows install updates itself:
// a deb is updated by the fleet's own package tools, development builds not at all.
export interface UpdateWhere {
  url: string | undefined;
  packaged: boolean;
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
}

/** The feed to follow, or null with nothing to do. */
export function lanUpdateFeed(where: UpdateWhere): string | null {
  if (!where.url || !where.packaged) return null;
  if (where.platform === 'linux' && !where.env.APPIMAGE) return null;
  return where.url;
}

export interface LanUpdater {
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  autoDownload: boolean;
  /** Installed when the kiosk next quits: after "exit kiosk", a relaunch or a restart of the tablet. */
  autoInstallOnAppQuit: boolean;
}

export const UPDATE_CHECK_EVERY_MS = 6 * 60 * 60_000;

/** Points the updater at the LAN feed and checks now and every few hours; returns a function that stops the checks. */
export function followLanUpdates(updater: LanUpdater, feed: string, everyMs = UPDATE_CHECK_EVERY_MS): () => void {
  updater.setFeedURL({ provider: 'generic', url: feed });
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  const check = (): void => {
    updater.checkForUpdates().catch((error: unknown) => {
      // The feed may be down for a while; the next check tries again.
      console.error('kokuchi: update check failed:', error instanceof Error ? error.message : String(error));
    });
  };
  check();
  const timer = setInterval(check, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
