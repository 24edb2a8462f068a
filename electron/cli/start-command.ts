// `kokuchi start` (what `npm start` runs, through bin/start.mjs): the Electron kiosk, or —
// where the Electron binary cannot be installed (an offline install) — the same kiosk from
// `kokuchi serve` in a Chromium/Chrome app window, or, with no browser either, `kokuchi serve`
// alone (it prints the URL). As root, the window is started with --no-sandbox, saying so.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CliContext } from './cli-context.js';
import { findBrowser, isExecutableFile, type BrowserLookup } from './installed-chromium.js';

/** What the start command reads from and does to the machine; tests replace parts of it. */
export interface StartSystem extends BrowserLookup {
  /** process.getuid(): undefined where there is none (Windows). */
  uid: number | undefined;
  /** The Electron binary, or null (an offline install, or installed without devDependencies). */
  resolveElectron(appRoot: string): string | null;
  /** How to run `kokuchi serve`. */
  serve: { command: string; args: string[] };
  /** Where the browser's private profile and launcher page are made. */
  tmpDir: string;
  /** Calls `handler` on SIGINT and SIGTERM; returns the function that stops listening. */
  onStopSignal(handler: (signal: NodeJS.Signals) => void): () => void;
}

export type Launch =
  | { mode: 'electron'; electronPath: string; notice?: undefined }
  | { mode: 'browser'; browserPath: string; notice: string }
  | { mode: 'serve'; notice: string };

/** A window can be shown: always on Windows and macOS, with X11 or Wayland elsewhere. */
export function hasDisplay(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): boolean {
  if (platform === 'win32' || platform === 'darwin') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** Which shell to run, and the one line that says why when it is not Electron. */
export function chooseLaunch({ electronPath, browserPath, display }: { electronPath: string | null; browserPath: string | null; display: boolean }): Launch {
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
      'The Electron binary is not available (offline install) and no Chromium or Chrome was found (set KOKUCHI_CHROMIUM=PATH to name one); serving the same kiosk: open the kiosk ui URL below in a browser.',
  };
}

/** The line printed when the kiosk window is started as root. */
export const ROOT_NOTICE =
  'Running as root: starting the kiosk window with --no-sandbox (Chromium refuses to run as root without it); a deployed kiosk runs as its own unprivileged user instead (docs/deploy.md).';

/** Chromium's and Electron's sandbox cannot run as root: the flags that let the window open anyway. */
export function sandboxArgs(uid: number | undefined): string[] {
  return uid === 0 ? ['--no-sandbox'] : [];
}

/** The URL from `kokuchi serve`'s `kiosk ui: <url>` line, or null. */
export function parseKioskUiLine(line: string): string | null {
  const match = /^kiosk ui: (\S+)\s*$/.exec(line);
  return match?.[1] ?? null;
}

export function browserArgs(url: string, profileDir: string): string[] {
  // A profile of its own: otherwise a running Chrome takes the URL and ignores --kiosk.
  return [`--user-data-dir=${profileDir}`, '--no-first-run', '--no-default-browser-check', '--kiosk', `--app=${url}`];
}

/** The kiosk ui line as this launcher shows it once the browser opens the link: no code in a terminal or journal. */
export function shownKioskUiLine(url: string): string {
  const { origin } = new URL(url);
  return `kiosk ui: ${origin}/ (opened in the kiosk window)`;
}

/** A page that sends the browser on to `url`; written to a private file so that the link is never in the browser's argv. */
export function launcherPage(url: string): string {
  const escaped = url.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0;url=${escaped}"><title>Kokuchi</title>\n`;
}

export interface BrowserLaunch {
  profileDir: string;
  launcher: string;
  args: string[];
  /** The link is single-use; once the browser has read it, no copy need stay on disk. */
  forgetLink(): void;
  remove(): void;
}

/**
 * A folder only this user can enter (0700) holding the browser's profile and the launcher page
 * (0600) that carries the one-time kiosk link; the browser is started on the launcher's file URL.
 */
export function prepareBrowserLaunch(url: string, baseDir: string = tmpdir()): BrowserLaunch {
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
    forgetLink: () => rmSync(launcher, { force: true }),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** What `require('electron')` returns, without the download it starts when the binary is missing. */
export function installedElectronPath(
  electronDir: string,
  { exists, readText, env }: { exists(file: string): boolean; readText(file: string): string; env: NodeJS.ProcessEnv },
): string | null {
  let relative: string;
  try {
    relative = readText(path.join(electronDir, 'path.txt')).trim();
  } catch {
    return null;
  }
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH || path.join(electronDir, 'dist');
  const binary = path.join(dist, relative);
  return exists(binary) ? binary : null;
}

/** How many of the browser's last stderr lines are shown when it fails. */
export const STDERR_TAIL_LINES = 12;

/** The last `size` non-blank lines of a stream, kept as it is read. */
export class LineTail {
  readonly lines: string[] = [];
  private pending = '';
  constructor(private readonly size: number) {}

  push(chunk: string): void {
    const parts = (this.pending + chunk).split(/\r?\n/);
    this.pending = parts.pop() ?? '';
    for (const line of parts) this.keep(line);
  }

  /** The stream ended: its last line, if it had no newline. */
  end(): string[] {
    this.keep(this.pending);
    this.pending = '';
    return this.lines;
  }

  private keep(line: string): void {
    if (line.trim() === '') return;
    this.lines.push(line);
    if (this.lines.length > this.size) this.lines.shift();
  }
}

function resolveElectron(appRoot: string): string | null {
  let electronDir: string;
  try {
    electronDir = path.dirname(createRequire(path.join(appRoot, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null; // installed without devDependencies
  }
  const installed = installedElectronPath(electronDir, { exists: existsSync, readText: (f) => readFileSync(f, 'utf8'), env: process.env });
  if (installed) return installed;
  // First run: `require('electron')` fetches the binary. In a child, so an offline
  // failure's stack trace stays out of the terminal and a dead network cannot hang us forever.
  const fetched = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: appRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 5 * 60 * 1000,
  });
  const binary = fetched.status === 0 ? fetched.stdout.trim() : '';
  return binary && existsSync(binary) ? binary : null;
}

function thisMachine(appRoot: string): StartSystem {
  return {
    env: process.env,
    platform: process.platform,
    uid: process.getuid?.(),
    isExecutable: isExecutableFile,
    resolveElectron,
    serve: { command: process.execPath, args: [path.join(appRoot, 'bin', 'kokuchi.mjs'), 'serve'] },
    tmpDir: tmpdir(),
    onStopSignal: (handler) => {
      const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
      for (const signal of signals) process.on(signal, handler);
      return () => {
        for (const signal of signals) process.off(signal, handler);
      };
    },
  };
}

// Children get their own process group, so a Ctrl+C reaches them once — from here —
// and `serve` is not interrupted a second time while it closes open sessions.
const running = (child: ChildProcess | null): child is ChildProcess => child !== null && child.exitCode === null && child.signalCode === null;

export async function startCommand(args: string[], context: CliContext, overrides: Partial<StartSystem> = {}): Promise<number> {
  if (args.length > 0) throw new Error(`takes no options (got ${args.join(' ')}); for serve's options, run npx kokuchi serve`);
  const system: StartSystem = { ...thisMachine(context.appRoot), ...overrides };
  const display = hasDisplay(system.platform, system.env);
  const electronPath = display ? system.resolveElectron(context.appRoot) : null;
  const browserPath = display && !electronPath ? findBrowser(system) : null;
  const launch = chooseLaunch({ electronPath, browserPath, display });
  if (launch.notice) context.stdout(`${launch.notice}\n`);
  if (launch.mode !== 'serve' && system.uid === 0) context.stdout(`${ROOT_NOTICE}\n`);
  if (launch.mode === 'electron') return runElectron(launch.electronPath, context, system);
  return runServe(launch.mode === 'browser' ? launch.browserPath : null, context, system);
}

function runElectron(electronPath: string, context: CliContext, system: StartSystem): Promise<number> {
  if (!existsSync(path.join(context.appRoot, 'dist', 'main', 'main.cjs'))) {
    context.stderr('The kiosk is not built yet: run `npm run build`, then `npm start`.\n');
    return Promise.resolve(1);
  }
  const env = { ...system.env };
  delete env.ELECTRON_RUN_AS_NODE; // would turn Electron into plain Node
  const electron = spawn(electronPath, [...sandboxArgs(system.uid), context.appRoot], {
    stdio: 'inherit',
    env,
    detached: system.platform !== 'win32',
  });
  const stopListening = system.onStopSignal((signal) => {
    if (running(electron)) electron.kill(signal);
  });
  return new Promise((resolve) => {
    electron.on('error', (error) => context.stderr(`Could not start ${electronPath}: ${error.message}\n`));
    electron.on('close', (code, signal) => {
      stopListening();
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** What the user reads when the browser could not keep the kiosk window open. */
export function browserFailureText(browserPath: string, how: string, lastLines: string[]): string {
  const said = lastLines.length > 0 ? `; its last words on stderr:\n${lastLines.map((line) => `  ${line}\n`).join('')}` : ', printing nothing on stderr.\n';
  return (
    `The kiosk window did not open: ${browserPath} ${how}${said}` +
    'Stopping the kiosk. To use another browser set KOKUCHI_CHROMIUM=PATH; to open the kiosk by hand run `npx kokuchi serve` and open its kiosk ui link.\n'
  );
}

function runServe(browserPath: string | null, context: CliContext, system: StartSystem): Promise<number> {
  const ownGroup = system.platform !== 'win32';
  const serve = spawn(system.serve.command, system.serve.args, { stdio: ['ignore', 'pipe', 'inherit'], detached: ownGroup });
  let browser: ChildProcess | null = null;
  let launch: BrowserLaunch | null = null;
  let stopping = false;
  let failed = false;
  const stopListening = system.onStopSignal((signal) => {
    stopping = true;
    for (const child of [serve, browser]) if (running(child)) child.kill(signal);
  });
  const stopServe = () => {
    stopping = true;
    if (running(serve)) serve.kill('SIGTERM');
  };

  const openBrowser = (executable: string, url: string) => {
    const opened = prepareBrowserLaunch(url, system.tmpDir);
    launch = opened;
    const child = spawn(executable, [...sandboxArgs(system.uid), ...opened.args], { stdio: ['ignore', 'ignore', 'pipe'], detached: ownGroup });
    browser = child;
    // Its stderr is read, not shown: a working Chromium is chatty there; a failing one says why.
    const tail = new LineTail(STDERR_TAIL_LINES);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => tail.push(chunk));
    setTimeout(() => opened.forgetLink(), 60_000).unref();
    let done = false;
    const ended = (how: string | null) => {
      if (done) return;
      done = true;
      opened.forgetLink();
      if (stopping) return; // we asked it to stop
      if (how !== null) {
        failed = true;
        context.stderr(browserFailureText(executable, how, tail.end()));
      }
      // Closing the kiosk window ends the kiosk, as closing the Electron window does.
      stopServe();
    };
    child.on('error', (error) => ended(`could not be started (${error.message})`));
    child.on('close', (code, signal) => {
      if (signal !== null) ended(`was stopped by ${signal}`);
      else ended(code === 0 ? null : `exited with code ${code}`);
    });
  };

  return new Promise((resolve) => {
    serve.on('error', (error) => {
      context.stderr(`Could not start kokuchi serve: ${error.message}\n`);
      stopListening();
      resolve(1);
    });
    serve.on('close', (code, signal) => {
      if (running(browser)) browser.kill('SIGTERM');
      launch?.remove();
      stopListening();
      resolve(failed ? 1 : (code ?? (signal ? 1 : 0)));
    });
    let pending = '';
    serve.stdout?.setEncoding('utf8');
    serve.stdout?.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const url = parseKioskUiLine(line);
        if (url && browserPath && browser === null) {
          context.stdout(`${shownKioskUiLine(url)}\n`);
          openBrowser(browserPath, url);
        } else context.stdout(`${line}\n`);
      }
    });
  });
}
