// The Chromium already on the machine (no browser download): `--chromium`, else
// $KOKUCHI_CHROMIUM, else the usual Debian, Ubuntu and Google paths.
import { accessSync, constants } from 'node:fs';
import type { Browser } from 'playwright-core';

const USUAL_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
];

const runnable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The browser to drive, or an error that says how to get one. */
export function findChromium(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, usual = USUAL_PATHS): string {
  if (flag !== undefined) {
    if (runnable(flag)) return flag;
    throw new Error(`--chromium ${flag} is not an executable file`);
  }
  const found = [env.KOKUCHI_CHROMIUM, ...usual].find((path) => path !== undefined && path !== '' && runnable(path));
  if (found) return found;
  throw new Error(`no Chromium found (looked at ${usual.join(', ')}): install one (Debian: apt-get install chromium) or pass --chromium PATH`);
}

export async function launchInstalledChromium(executablePath: string): Promise<Browser> {
  // Loaded on demand: the other commands (serve, doctor, ledger) start without it.
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
