// The usual end-to-end arrangement: a real `kokuchi serve` on a temp data folder and
// Debian's Chromium showing its kiosk page, ready at the idle screen.
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openKioskPage } from './browser.js';
import { makeDataDir, removeDataDir, startKioskProcess, writeKioskConfig, type KioskProcess } from './kiosk-process.js';

export interface KioskAtCounter {
  kiosk: KioskProcess;
  browser: Browser;
  page: Page;
  dataDir: string;
  /** Stops the kiosk (if it still runs) and the browser, and removes the data folder. */
  close(): Promise<void>;
}

export async function openKioskAtCounter(
  options: { config?: unknown; viewport?: { width: number; height: number } } = {},
): Promise<KioskAtCounter> {
  const dataDir = await makeDataDir();
  const config = options.config === undefined ? undefined : await writeKioskConfig(dataDir, options.config);
  const kiosk = await startKioskProcess({ dataDir, ...(config && { config }) });
  const browser = await launchChromium();
  const page = await openKioskPage(browser, kiosk.kioskUrl, options.viewport);
  return {
    kiosk,
    browser,
    page,
    dataDir,
    async close() {
      await browser.close();
      await kiosk.stop();
      await removeDataDir(dataDir);
    },
  };
}
