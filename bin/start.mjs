#!/usr/bin/env node
// `npm start`: the Electron kiosk, or — where the Electron binary cannot be installed
// (an offline install) — the same kiosk from `kokuchi serve` in a Chromium/Chrome app
// window, or, with no browser either, `kokuchi serve` alone (it prints the URL).
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const BROWSER_CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', '/usr/bin/chromium'];

/** The first candidate that is an executable file: a bare name is looked up on PATH. */
export function findBrowser(candidates, { pathDirs, isExecutable }) {
  for (const candidate of candidates) {
    const places = path.isAbsolute(candidate) ? [candidate] : pathDirs.map((dir) => path.join(dir, candidate));
    const found = places.find((place) => isExecutable(place));
    if (found) return found;
  }
  return null;
}

/** A window can be shown: always on Windows and macOS, with X11 or Wayland elsewhere. */
export function hasDisplay(platform, env) {
  if (platform === 'win32' || platform === 'darwin') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** Which shell to run, and the one line that says why when it is not Electron. */
export function chooseLaunch({ electronPath, browserPath, display }) {
  if (!display) {
    return { mode: 'serve', notice: 'No display found: serving the kiosk headless; open the kiosk ui URL below in a browser.' };
  }
  if (electronPath) return { mode: 'electron', electronPath };
  if (browserPath) {
    return {
      mode: 'browser',
      browserPath,
      notice: 'The Electron binary is not available (offline install); running the same kiosk in a browser instead.',
    };
  }
  return {
    mode: 'serve',
    notice:
      'The Electron binary is not available (offline install) and no Chromium or Chrome was found; serving the same kiosk: open the kiosk ui URL below in a browser.',
  };
}

/** The URL from `kokuchi serve`'s `kiosk ui: <url>` line, or null. */
export function parseKioskUiLine(line) {
  const match = /^kiosk ui: (\S+)\s*$/.exec(line);
  return match ? match[1] : null;
}

export function browserArgs(url, profileDir) {
  // A profile of its own: otherwise a running Chrome takes the URL and ignores --kiosk.
  return [`--user-data-dir=${profileDir}`, '--no-first-run', '--no-default-browser-check', '--kiosk', `--app=${url}`];
}

/** What `require('electron')` returns, without the download it starts when the binary is missing. */
export function installedElectronPath(electronDir, { exists, readText, env }) {
  let relative;
  try {
    relative = readText(path.join(electronDir, 'path.txt')).trim();
  } catch {
    return null;
  }
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH || path.join(electronDir, 'dist');
  const binary = path.join(dist, relative);
  return exists(binary) ? binary : null;
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function resolveElectron() {
  let electronDir;
  try {
    electronDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null; // installed without devDependencies
  }
  const installed = installedElectronPath(electronDir, { exists: existsSync, readText: (f) => readFileSync(f, 'utf8'), env: process.env });
  if (installed) return installed;
  // First run: `require('electron')` fetches the binary. In a child, so an offline
  // failure's stack trace stays out of the terminal and a dead network cannot hang us forever.
  const fetched = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: PROJECT_DIR,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 5 * 60 * 1000,
  });
  const binary = fetched.status === 0 ? fetched.stdout.trim() : '';
  return binary && existsSync(binary) ? binary : null;
}

// Children get their own process group, so a Ctrl+C reaches them once — from here —
// and `serve` is not interrupted a second time while it closes open sessions.
const OWN_GROUP = process.platform !== 'win32';

function forwardSignals(children, onSignal = () => {}) {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      onSignal();
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
}

function exitLike(child) {
  child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function runElectron(electronPath) {
  if (!existsSync(path.join(PROJECT_DIR, 'dist', 'main', 'main.cjs'))) {
    console.error('The kiosk is not built yet: run `npm run build`, then `npm start`.');
    process.exit(1);
  }
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would turn Electron into plain Node
  const electron = spawn(electronPath, [PROJECT_DIR], { stdio: 'inherit', env, detached: OWN_GROUP });
  forwardSignals([electron]);
  exitLike(electron);
}

function runServe(browserPath) {
  const serve = spawn(process.execPath, [path.join(PROJECT_DIR, 'bin', 'kokuchi.mjs'), 'serve'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: OWN_GROUP,
  });
  const children = [serve];
  let stopping = false;
  forwardSignals(children, () => (stopping = true));
  serve.on('close', (code, signal) => {
    for (const browser of children.slice(1)) if (browser.exitCode === null) browser.kill('SIGTERM');
    process.exit(code ?? (signal ? 1 : 0));
  });
  const openBrowser = (url) => {
    const browser = spawn(browserPath, browserArgs(url, path.join(tmpdir(), 'kokuchi-kiosk-browser')), {
      stdio: 'ignore',
      detached: OWN_GROUP,
    });
    children.push(browser);
    browser.on('error', (error) => console.error(`Could not open ${browserPath}: ${error.message}`));
    // Closing the kiosk window ends the kiosk, as closing the Electron window does; a browser
    // that fails to start (e.g. Chromium refusing to run as root) leaves the kiosk serving.
    browser.on('exit', (code) => {
      if (code !== 0 && !stopping) {
        console.error(`${browserPath} exited with code ${code}; the kiosk keeps running: open the kiosk ui URL above in a browser.`);
        return;
      }
      if (!stopping && serve.exitCode === null) {
        stopping = true;
        serve.kill('SIGTERM');
      }
    });
  };
  let pending = '';
  serve.stdout.setEncoding('utf8');
  serve.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const url = parseKioskUiLine(line);
      if (url && browserPath && children.length === 1) openBrowser(url);
    }
  });
}

function main() {
  const display = hasDisplay(process.platform, process.env);
  const electronPath = display ? resolveElectron() : null;
  const browserPath =
    display && !electronPath
      ? findBrowser(BROWSER_CANDIDATES, { pathDirs: (process.env.PATH ?? '').split(path.delimiter).filter(Boolean), isExecutable })
      : null;
  const launch = chooseLaunch({ electronPath, browserPath, display });
  if (launch.notice) console.log(launch.notice);
  if (launch.mode === 'electron') runElectron(launch.electronPath);
  else runServe(launch.mode === 'browser' ? launch.browserPath : null);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
