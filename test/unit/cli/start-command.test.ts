import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliContext } from '../../../electron/cli/cli-context.js';
import { browserCandidates, findBrowser, findChromium, isExecutableFile } from '../../../electron/cli/installed-chromium.js';
import * as start from '../../../electron/cli/start-command.js';
import type { StartSystem } from '../../../electron/cli/start-command.js';
import { pieceText } from '../../support/export-text.js';

describe('chooseLaunch', () => {
  it('runs Electron when its binary is there, silently', () => {
    expect(start.chooseLaunch({ electronPath: '/e/electron', browserPath: '/usr/bin/chromium', display: true })).toEqual({
      mode: 'electron',
      electronPath: '/e/electron',
    });
  });

  it('falls back to a browser window with one line saying why', () => {
    const launch = start.chooseLaunch({ electronPath: null, browserPath: '/usr/bin/chromium', display: true });
    expect(launch).toMatchObject({ mode: 'browser', browserPath: '/usr/bin/chromium' });
    expect(launch.notice).toMatch(/Electron binary is not available \(offline install\).*browser/);
    expect(launch.notice).not.toContain('\n');
  });

  it('only serves when there is no browser either, naming the variable that picks one', () => {
    const launch = start.chooseLaunch({ electronPath: null, browserPath: null, display: true });
    expect(launch.mode).toBe('serve');
    expect(launch.notice).toMatch(/Electron binary is not available \(offline install\) and no Chromium or Chrome was found \(set KOKUCHI_CHROMIUM=PATH/);
    expect(launch.notice).not.toContain('\n');
  });

  it('only serves when no window can be shown', () => {
    expect(start.chooseLaunch({ electronPath: '/e/electron', browserPath: '/usr/bin/chromium', display: false }).mode).toBe('serve');
  });
});

describe('the one browser lookup (findBrowser)', () => {
  const env = { PATH: '/usr/local/bin:/usr/bin' };

  it('takes the first candidate found on PATH, in the documented order', () => {
    expect(browserCandidates('linux', {}).slice(0, 4)).toEqual(['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']);
    const installed = new Set(['/usr/bin/google-chrome', '/usr/bin/chromium-browser']);
    expect(findBrowser({ env, platform: 'linux', isExecutable: (f) => installed.has(f) })).toBe('/usr/bin/chromium-browser');
  });

  it('finds /usr/bin/chromium even with an empty PATH, and nothing when nothing is installed', () => {
    const onlyDebian = (f: string): boolean => f === '/usr/bin/chromium';
    expect(findBrowser({ env: {}, platform: 'linux', isExecutable: onlyDebian })).toBe('/usr/bin/chromium');
    expect(findBrowser({ env, platform: 'linux', isExecutable: () => false })).toBeNull();
  });

  it('takes KOKUCHI_CHROMIUM before every other candidate', () => {
    const everything = () => true;
    expect(findBrowser({ env: { ...env, KOKUCHI_CHROMIUM: '/opt/my/chrome' }, platform: 'linux', isExecutable: everything })).toBe('/opt/my/chrome');
  });

  it('refuses a KOKUCHI_CHROMIUM that is not an executable file, naming it, instead of quietly using another browser', () => {
    const allButIt = (f: string) => f !== '/opt/typo/chrome';
    expect(() => findBrowser({ env: { ...env, KOKUCHI_CHROMIUM: '/opt/typo/chrome' }, platform: 'linux', isExecutable: allButIt })).toThrow(
      'KOKUCHI_CHROMIUM=/opt/typo/chrome is not an executable file',
    );
  });

  it('looks in the usual places on macOS and Windows too', () => {
    const mac = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findBrowser({ env: {}, platform: 'darwin', isExecutable: (f) => f === mac })).toBe(mac);
    const win = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
    expect(findBrowser({ env: { PROGRAMFILES: 'C:\\Program Files' }, platform: 'win32', isExecutable: (f) => f === win })).toBe(win);
  });
});

describe('hasDisplay', () => {
  it('needs X11 or Wayland on Linux, nothing on Windows and macOS', () => {
    expect(start.hasDisplay('linux', {})).toBe(false);
    expect(start.hasDisplay('linux', { DISPLAY: ':0' })).toBe(true);
    expect(start.hasDisplay('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(start.hasDisplay('win32', {})).toBe(true);
    expect(start.hasDisplay('darwin', {})).toBe(true);
  });
});

describe('parseKioskUiLine and browserArgs', () => {
  it("picks the URL out of serve's kiosk ui line only", () => {
    expect(start.parseKioskUiLine('kiosk ui: http://127.0.0.1:4781/?k=abc')).toBe('http://127.0.0.1:4781/?k=abc');
    expect(start.parseKioskUiLine('kiosk ui: http://127.0.0.1:4781/?k=abc\r')).toBe('http://127.0.0.1:4781/?k=abc');
    expect(start.parseKioskUiLine('staff link: http://0.0.0.0:4780/')).toBeNull();
  });

  it('opens the URL as a kiosk app window in a profile of its own', () => {
    expect(start.browserArgs('http://127.0.0.1:1/', '/tmp/p')).toEqual(
      expect.arrayContaining(['--kiosk', '--app=http://127.0.0.1:1/', '--user-data-dir=/tmp/p']),
    );
  });

  it('adds --no-sandbox for root only', () => {
    expect(start.sandboxArgs(0)).toEqual(['--no-sandbox']);
    expect(start.sandboxArgs(1000)).toEqual([]);
    expect(start.sandboxArgs(undefined)).toEqual([]);
  });
});

describe('prepareBrowserLaunch', () => {
  const link = 'http://127.0.0.1:4781/?secret=one-time-code-abcdef';
  let base: string;
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it("never puts the kiosk link in the browser's arguments: it opens a private launcher page", () => {
    base = mkdtempSync(path.join(tmpdir(), 'kokuchi-start-test-'));
    const launch = start.prepareBrowserLaunch(link, base);
    expect(launch.args.join(' ')).not.toContain('one-time-code');
    expect(launch.args.join(' ')).not.toContain('secret');
    const app = launch.args.find((arg) => arg.startsWith('--app='))?.slice('--app='.length) ?? '';
    expect(fileURLToPath(app)).toBe(launch.launcher);
    expect(readFileSync(launch.launcher, 'utf8')).toContain('url=http://127.0.0.1:4781/?secret=one-time-code-abcdef"');
    expect(statSync(launch.launcher).mode & 0o777).toBe(0o600);
    launch.forgetLink();
    expect(() => statSync(launch.launcher)).toThrow();
  });

  it('keeps the browser profile private to this user (0700)', () => {
    base = mkdtempSync(path.join(tmpdir(), 'kokuchi-start-test-'));
    const launch = start.prepareBrowserLaunch(link, base);
    expect(launch.args).toContain(`--user-data-dir=${launch.profileDir}`);
    expect(statSync(launch.profileDir).mode & 0o777).toBe(0o700);
    expect(statSync(path.dirname(launch.profileDir)).mode & 0o777).toBe(0o700);
    launch.remove();
    expect(() => statSync(launch.profileDir)).toThrow();
  });

  it('shows the kiosk ui line without the code once the browser has it', () => {
    expect(start.shownKioskUiLine(link)).toBe('kiosk ui: http://127.0.0.1:4781/ (opened in the kiosk window)');
  });
});

describe('installedElectronPath', () => {
  const dir = '/p/node_modules/electron';
  const binary = path.join(dir, 'dist', 'electron');

  it("finds the binary from path.txt, as require('electron') would", () => {
    const system = { exists: (f: string) => f === binary, readText: () => 'electron\n', env: {} };
    expect(start.installedElectronPath(dir, system)).toBe(binary);
  });

  it('is null when the binary was never fetched (an offline install)', () => {
    const noPathTxt = {
      exists: () => false,
      readText: (): string => {
        throw new Error('ENOENT');
      },
      env: {},
    };
    expect(start.installedElectronPath(dir, noPathTxt)).toBeNull();
    expect(start.installedElectronPath(dir, { ...noPathTxt, readText: () => 'electron' })).toBeNull();
  });
});

// The start command for real: child processes for `kokuchi serve` (a stand-in that prints a
// kiosk ui line and stops on SIGTERM) and for the browser (small shell scripts).
describe('startCommand with real child processes', () => {
  const SECRET = 'one-time-code-0123456789';
  const FAKE_SERVE = `
    require('node:fs').writeFileSync(process.argv[1], 'started');
    process.on('SIGTERM', () => { process.stdout.write('serve closed\\n'); process.exit(0); });
    process.stdout.write('kiosk ui: http://127.0.0.1:4781/?secret=${SECRET}\\nstaff link: http://127.0.0.1:4780/\\n');
    setInterval(() => {}, 1000);
  `;
  let dir: string;
  let binDir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kokuchi-start-run-'));
    binDir = path.join(dir, 'bin');
    mkdirSync(binDir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** An executable shell script standing in for a browser. */
  function fakeBrowser(name: string, body: string): string {
    const file = path.join(binDir, name);
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, 0o755);
    return file;
  }

  /** Runs the start command; `stopOn`: a line of its output upon which a SIGTERM is delivered, as a Ctrl+C would. */
  async function runStart(overrides: Partial<StartSystem>, stopOn?: string) {
    let stdout = '';
    let stderr = '';
    let stop: ((signal: NodeJS.Signals) => void) | null = null;
    const context: CliContext = {
      appRoot: dir,
      version: 'test',
      stdout: (output) => {
        const t = pieceText(output);
        stdout += t;
        if (stopOn !== undefined && t.includes(stopOn)) stop?.('SIGTERM');
      },
      stderr: (t) => (stderr += t),
    };
    const code = await start.startCommand([], context, {
      platform: 'linux',
      env: { DISPLAY: ':99', PATH: binDir },
      uid: 1000,
      isExecutable: isExecutableFile,
      resolveElectron: () => null,
      serve: { command: process.execPath, args: ['-e', FAKE_SERVE, serveMarker()] },
      tmpDir: dir,
      onStopSignal: (handler) => {
        stop = handler;
        return () => (stop = null);
      },
      ...overrides,
    });
    return { code, stdout, stderr };
  }

  const serveMarker = () => path.join(dir, 'serve-started');
  const browserFolders = () => readdirSync(dir).filter((name) => name.startsWith('kokuchi-kiosk-browser-'));

  it("shows a browser's own words when it fails at once, stops the kiosk and exits non-zero", async () => {
    const browser = fakeBrowser(
      'chromium',
      'echo "[1:1:ERROR:ozone_platform_x11.cc(240)] Missing X server or \\$DISPLAY" >&2\necho "The platform failed to initialize.  Exiting." >&2\nexit 1',
    );
    const { code, stdout, stderr } = await runStart({});
    expect(code).not.toBe(0);
    expect(stdout).toContain('kiosk ui: http://127.0.0.1:4781/ (opened in the kiosk window)');
    expect(stderr).toContain(`The kiosk window did not open: ${browser} exited with code 1; its last words on stderr:`);
    expect(stderr).toContain('  [1:1:ERROR:ozone_platform_x11.cc(240)] Missing X server or $DISPLAY\n');
    expect(stderr).toContain('  The platform failed to initialize.  Exiting.\n');
    expect(stderr).toContain('KOKUCHI_CHROMIUM=PATH');
    expect(stdout).toContain('serve closed'); // the kiosk was stopped, not left serving behind a black screen
    expect(stdout + stderr).not.toContain(SECRET);
    expect(browserFolders()).toEqual([]);
  });

  it('says so when a failing browser printed nothing', async () => {
    const browser = fakeBrowser('chromium', 'exit 127');
    const { code, stderr } = await runStart({});
    expect(code).toBe(1);
    expect(stderr).toContain(`The kiosk window did not open: ${browser} exited with code 127, printing nothing on stderr.`);
  });

  it('as root: starts the browser with --no-sandbox and prints one line saying so and why', async () => {
    fakeBrowser('chromium', 'echo "args: $*" >&2\nexit 1');
    const { stdout, stderr } = await runStart({ uid: 0 });
    expect(stdout.split('\n').filter((line) => line.includes('--no-sandbox'))).toEqual([start.ROOT_NOTICE]);
    expect(start.ROOT_NOTICE).toMatch(/root.*--no-sandbox.*a deployed kiosk runs as its own unprivileged user/);
    expect(stderr).toMatch(/^ {2}args: --no-sandbox --user-data-dir=/m);
  });

  it('not as root: no --no-sandbox and no root line', async () => {
    fakeBrowser('chromium', 'echo "args: $*" >&2\nexit 1');
    const { stdout, stderr } = await runStart({ uid: 1000 });
    expect(stdout).not.toContain('root');
    expect(stderr).toMatch(/^ {2}args: --user-data-dir=/m);
    expect(stderr).not.toContain('--no-sandbox');
  });

  it('runs KOKUCHI_CHROMIUM over a browser on PATH, and kokuchi preview picks the same one', async () => {
    fakeBrowser('chromium', 'echo "I am the one on PATH" >&2\nexit 1');
    const chosen = fakeBrowser('my-chrome', 'echo "I am KOKUCHI_CHROMIUM" >&2\nexit 1');
    const env = { DISPLAY: ':99', PATH: binDir, KOKUCHI_CHROMIUM: chosen };
    const { stderr } = await runStart({ env });
    expect(stderr).toContain('I am KOKUCHI_CHROMIUM');
    expect(stderr).not.toContain('I am the one on PATH');
    expect(findChromium(undefined, { env, platform: 'linux', isExecutable: isExecutableFile })).toBe(chosen);
    // …and without the variable both take the one on PATH.
    const { stderr: plain } = await runStart({ env: { DISPLAY: ':99', PATH: binDir } });
    expect(plain).toContain('I am the one on PATH');
    expect(findChromium(undefined, { env: { PATH: binDir }, platform: 'linux', isExecutable: isExecutableFile })).toBe(path.join(binDir, 'chromium'));
  });

  it('closing the kiosk window ends the kiosk with exit 0 and no complaint', async () => {
    fakeBrowser('chromium', 'echo "some chatter a working Chromium prints" >&2\nexit 0');
    const { code, stdout, stderr } = await runStart({});
    expect(code).toBe(0);
    expect(stdout).toContain('serve closed');
    expect(stderr).toBe('');
  });

  it('with no browser at all: serves, with the line that says how to name one', async () => {
    const { code, stdout, stderr } = await runStart({ env: { DISPLAY: ':99', PATH: binDir }, isExecutable: () => false }, 'staff link:');
    expect({ code, stdout, stderr }).toMatchObject({ code: 0 });
    expect(stdout).toContain('no Chromium or Chrome was found (set KOKUCHI_CHROMIUM=PATH');
    // Nobody opened the link: it is shown whole, for a person to open.
    expect(stdout).toContain(`kiosk ui: http://127.0.0.1:4781/?secret=${SECRET}`);
  });

  it('as root: starts Electron with --no-sandbox too, with the same line; not as root, without', async () => {
    mkdirSync(path.join(dir, 'dist', 'main'), { recursive: true });
    writeFileSync(path.join(dir, 'dist', 'main', 'main.cjs'), '');
    const argsFile = path.join(dir, 'electron-args');
    const electron = fakeBrowser('electron', `echo "$*" > "${argsFile}"\nexit 0`);
    const asRoot = await runStart({ uid: 0, resolveElectron: () => electron });
    expect(asRoot.code).toBe(0);
    expect(asRoot.stdout).toBe(`${start.ROOT_NOTICE}\n`);
    expect(readFileSync(argsFile, 'utf8')).toBe(`--no-sandbox ${dir}\n`);
    const asUser = await runStart({ uid: 1000, resolveElectron: () => electron });
    expect(asUser.stdout).toBe('');
    expect(readFileSync(argsFile, 'utf8')).toBe(`${dir}\n`);
    expect(existsSync(serveMarker())).toBe(false);
  });

  it('refuses a KOKUCHI_CHROMIUM that is not there, starting nothing', async () => {
    const missing = path.join(dir, 'no-such-chrome');
    await expect(runStart({ env: { DISPLAY: ':99', PATH: binDir, KOKUCHI_CHROMIUM: missing } })).rejects.toThrow(
      `KOKUCHI_CHROMIUM=${missing} is not an executable file`,
    );
    expect(existsSync(serveMarker())).toBe(false);
    expect(browserFolders()).toEqual([]);
  });
});
