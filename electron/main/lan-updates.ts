// Updates come from a generic electron-updater feed on the office LAN (`updates.url`, HTTPS
// only), never from the internet. Only a packaged AppImage or Windows install updates itself:
// a deb is updated by the fleet's own package tools, development builds not at all. A
// downloaded update is installed only once its detached signature verifies against the key
// built into the app; an unsigned or badly signed one is refused and recorded in the ledger.
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import { redactUrls } from '../core/index.js';
import { checkUpdateSignature, type SignatureSources } from './update-signature.js';

export interface UpdateWhere {
  url: string | undefined;
  packaged: boolean;
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
}

/** The feed to follow, or null with nothing to do (also for a feed that is not HTTPS). */
export function lanUpdateFeed(where: UpdateWhere): string | null {
  if (!where.url || !where.packaged) return null;
  if (where.platform === 'linux' && !where.env.APPIMAGE) return null;
  if (new URL(where.url).protocol !== 'https:') return null;
  return where.url;
}

/** What electron-updater tells about a finished download (its `UpdateDownloadedEvent`). */
export interface DownloadedUpdate {
  version: string;
  downloadedFile: string;
  files?: ReadonlyArray<{ url: string }>;
}

export interface LanUpdater {
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  autoDownload: boolean;
  /** Installed when the kiosk next quits: after "exit kiosk", a relaunch or a restart of the tablet. */
  autoInstallOnAppQuit: boolean;
  on(event: 'update-downloaded', listener: (info: DownloadedUpdate) => void): unknown;
}

export interface LanUpdateOptions {
  /** The Ed25519 public key shipped in the app. */
  key: KeyObject;
  sources: SignatureSources;
  /** Records a refused update in the ledger (`update.refused`). */
  onRefused(version: string, reason: string): Promise<void>;
  everyMs?: number;
}

export const UPDATE_CHECK_EVERY_MS = 6 * 60 * 60_000;

/** Where the signature of `info`'s file is published: `<file>.sig` beside it in the feed. */
export function signatureUrl(feed: string, info: DownloadedUpdate): string {
  const base = feed.endsWith('/') ? feed : `${feed}/`;
  const file = info.files?.[0]?.url ?? path.basename(info.downloadedFile);
  return new URL(`${file}.sig`, base).toString();
}

/** Points the updater at the LAN feed and checks now and every few hours; returns a function that stops the checks. */
export function followLanUpdates(updater: LanUpdater, feed: string, options: LanUpdateOptions): () => void {
  updater.setFeedURL({ provider: 'generic', url: feed });
  updater.autoDownload = true;
  // Nothing is installed on quit until its signature has been checked.
  updater.autoInstallOnAppQuit = false;
  updater.on('update-downloaded', (info) => {
    updater.autoInstallOnAppQuit = false;
    void checkUpdateSignature(info.downloadedFile, signatureUrl(feed, info), options.key, options.sources).then(async (check) => {
      if (check.ok) {
        updater.autoInstallOnAppQuit = true;
        return;
      }
      const reason = redactUrls(check.reason);
      console.error(`kokuchi: update ${info.version} refused: ${reason}`);
      await options.onRefused(info.version, reason).catch((error: unknown) => {
        console.error('kokuchi: the refused update could not be recorded:', error instanceof Error ? error.message : String(error));
      });
    });
  });
  const check = (): void => {
    updater.checkForUpdates().catch((error: unknown) => {
      // The feed may be down for a while; the next check tries again.
      console.error('kokuchi: update check failed:', redactUrls(error instanceof Error ? error.message : String(error)));
    });
  };
  check();
  const timer = setInterval(check, options.everyMs ?? UPDATE_CHECK_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
