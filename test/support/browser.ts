// Debian's Chromium driven by playwright-core: no browser download, the same binary CI installs.
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.KOKUCHI_CHROMIUM ?? '/usr/bin/chromium';

/** The flags every test and bench starts Chromium with: headless, as root, and nothing phoning home. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

/** A new tab on the kiosk page, once it shows the idle screen; the default size is the common 1280×800 tablet. */
export async function openKioskPage(browser: Browser, kioskUrl: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(kioskUrl);
  await page.getByTestId('screen-idle').waitFor();
  return page;
}
