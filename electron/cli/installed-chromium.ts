// The Chromium or Chrome already on the machine (no browser download), for both callers:
// `npm start` (start-command.ts) opens the kiosk window in it and `kokuchi preview` drives it.
// One lookup: $KOKUCHI_CHROMIUM, else the usual names on PATH, else the usual install paths.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';

/** What the lookup reads from the machine; tests pass their own. */
export interface BrowserLookup {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  isExecutable(file: string): boolean;
}

/** Where a browser is looked for after $KOKUCHI_CHROMIUM, in order: a bare name is looked up on PATH. */
export function browserCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((root): root is string => Boolean(root));
    return ['chrome.exe', 'chromium.exe', ...roots.flatMap((root) => [path.win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'), path.win32.join(root, 'Chromium', 'Application', 'chrome.exe')])];
  }
  if (platform === 'darwin') {
    return ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];
  }
  return [
    'chromium',
    'chromium-browser',
    'google-chrome',
    'google-chrome-stable',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
  ];
}

/** An executable file (X_OK). */
export const isExecutableFile = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

const thisMachine = (): BrowserLookup => ({ env: process.env, platform: process.platform, isExecutable: isExecutableFile });

/**
 * The browser to use, or null when none is installed. $KOKUCHI_CHROMIUM, when set, is the
 * one asked for: if it is not an executable file that is an error, not a quiet fallback.
 */
export function findBrowser(system: BrowserLookup = thisMachine()): string | null {
  const { env, platform, isExecutable } = system;
  const chosen = env.KOKUCHI_CHROMIUM;
  if (chosen !== undefined && chosen !== '') {
    if (isExecutable(chosen)) return chosen;
    throw new Error(`KOKUCHI_CHROMIUM=${chosen} is not an executable file`);
  }
  const pathApi = platform === 'win32' ? path.win32 : path.posix;
  const pathDirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean);
  for (const candidate of browserCandidates(platform, env)) {
    const places = pathApi.isAbsolute(candidate) ? [candidate] : pathDirs.map((dir) => pathApi.join(dir, candidate));
    const found = places.find((place) => isExecutable(place));
    if (found) return found;
  }
  return null;
}

/** The browser `kokuchi preview` drives (`--chromium` first), or an error that says how to get one. */
export function findChromium(flag: string | undefined, system: BrowserLookup = thisMachine()): string {
  if (flag !== undefined) {
    if (system.isExecutable(flag)) return flag;
    throw new Error(`--chromium ${flag} is not an executable file`);
  }
  const found = findBrowser(system);
  if (found) return found;
  throw new Error(
    `no Chromium found (looked at ${browserCandidates(system.platform, system.env).join(', ')}): install one (Debian: apt-get install chromium) or set KOKUCHI_CHROMIUM=PATH or pass --chromium PATH`,
  );
}

export async function launchInstalledChromium(executablePath: string): Promise<Browser> {
  // Loaded on demand: the other commands (serve, doctor, ledger) start without it.
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
