#!/usr/bin/env node
// `npm start`: the Electron kiosk, or — where the Electron binary cannot be installed
// (an offline install) — the same kiosk from `kokuchi serve` in a Chromium/Chrome app
// window, or, with no browser either, `kokuchi serve` alone (it prints the URL).
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** The kiosk ui line as this launcher shows it once the browser opens the link: no code in a terminal or journal. */
export function shownKioskUiLine(url) {
  const { origin } = new URL(url);
  return `kiosk ui: ${origin}/ (opened in the kiosk window)`;
}

/** A page that sends the browser on to `url`; written to a private file so that the link is never in the browser's argv. */
export function launcherPage(url) {
  const escaped = url.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0;url=${escaped}"><title>Kokuchi</title>\n`;
}

/**
 * A folder only this user can enter (0700) holding the browser's profile and the launcher page
 * (0600) that carries the one-time kiosk link; the browser is started on the launcher's file URL.
 */
export function prepareBrowserLaunch(url, baseDir = tmpdir()) {
  const root = mkdtempSync(path.join(baseDir, 'kokuchi-kiosk-browser-'));
  chmodSync(root, 0o700);
  const profileDir = path.join(root, 'profile');
  mkdirSync(profileDir, { mode: 0o700 });
  chmodSync(profileDir, 0o700); // whatever the umask
  const launcher = path.join(root, 'open-kiosk.html');
  writeFileSync(launcher, launcherPage(url), { mode: 0o600, flag: 'wx' });
  return {
    profileDir,
    launcher,
    args: browserArgs(pathToFileURL(launcher).href, profileDir),
    /** The link is single-use; once the browser has read it, no copy need stay on disk. */
    forgetLink: () => rmSync(launcher, { force: true }),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
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
  let launch = null;
  serve.on('close', (code, signal) => {
    for (const browser of children.slice(1)) if (browser.exitCode === null) browser.kill('SIGTERM');
    launch?.remove();
    process.exit(code ?? (signal ? 1 : 0));
  });
  const openBrowser = (url) => {
    launch = prepareBrowserLaunch(url);
    const browser = spawn(browserPath, launch.args, { stdio: 'ignore', detached: OWN_GROUP });
    children.push(browser);
    setTimeout(() => launch?.forgetLink(), 60_000).unref();
    browser.on('error', (error) => console.error(`Could not open ${browserPath}: ${error.message}`));
    // Closing the kiosk window ends the kiosk, as closing the Electron window does; a browser
    // that fails to start (e.g. Chromium refusing to run as root) leaves the kiosk serving.
    browser.on('exit', (code) => {
      launch?.forgetLink();
      if (code !== 0 && !stopping) {
        // The link may still be unused: only now is it shown, for a person to open by hand.
        console.error(`${browserPath} exited with code ${code}; the kiosk keeps running: open this link in a browser: ${url}`);
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
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const url = parseKioskUiLine(line);
      if (url && browserPath && children.length === 1) {
        process.stdout.write(`${shownKioskUiLine(url)}\n`);
        openBrowser(url);
      } else process.stdout.write(`${line}\n`);
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
