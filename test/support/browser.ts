// Debian's Chromium driven by playwright-core: no browser download, the same binary CI installs.
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.KOKUCHI_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
