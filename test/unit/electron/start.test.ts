import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

// bin/start.mjs is plain JavaScript (it runs before any build); its shape is declared here.
interface Launch {
  mode: 'electron' | 'browser' | 'serve';
  electronPath?: string;
  browserPath?: string;
  notice?: string;
}
interface StartModule {
  BROWSER_CANDIDATES: string[];
  findBrowser(candidates: string[], system: { pathDirs: string[]; isExecutable(file: string): boolean }): string | null;
  hasDisplay(platform: string, env: Record<string, string | undefined>): boolean;
  chooseLaunch(facts: { electronPath: string | null; browserPath: string | null; display: boolean }): Launch;
  parseKioskUiLine(line: string): string | null;
  browserArgs(url: string, profileDir: string): string[];
  shownKioskUiLine(url: string): string;
  prepareBrowserLaunch(
    url: string,
    baseDir?: string,
  ): { profileDir: string; launcher: string; args: string[]; forgetLink(): void; remove(): void };
  installedElectronPath(
    electronDir: string,
    system: { exists(file: string): boolean; readText(file: string): string; env: Record<string, string | undefined> },
  ): string | null;
}

let start: StartModule;
beforeAll(async () => {
  start = (await import(new URL('../../../bin/start.mjs', import.meta.url).href)) as StartModule;
});

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

  it('only serves when there is no browser either', () => {
    const launch = start.chooseLaunch({ electronPath: null, browserPath: null, display: true });
    expect(launch.mode).toBe('serve');
    expect(launch.notice).toMatch(/Electron binary is not available \(offline install\)/);
    expect(launch.notice).not.toContain('\n');
  });

  it('only serves when no window can be shown', () => {
    expect(start.chooseLaunch({ electronPath: '/e/electron', browserPath: '/usr/bin/chromium', display: false }).mode).toBe(
      'serve',
    );
  });
});

describe('findBrowser', () => {
  const pathDirs = ['/usr/local/bin', '/usr/bin'];

  it('takes the first candidate found on PATH, in the documented order', () => {
    expect(start.BROWSER_CANDIDATES).toEqual(['chromium', 'chromium-browser', 'google-chrome', '/usr/bin/chromium']);
    const installed = new Set(['/usr/bin/google-chrome', '/usr/bin/chromium-browser']);
    expect(start.findBrowser(start.BROWSER_CANDIDATES, { pathDirs, isExecutable: (f) => installed.has(f) })).toBe(
      '/usr/bin/chromium-browser',
    );
  });

  it('finds /usr/bin/chromium even with an empty PATH, and nothing when nothing is installed', () => {
    const onlyDebian = (f: string): boolean => f === '/usr/bin/chromium';
    expect(start.findBrowser(start.BROWSER_CANDIDATES, { pathDirs: [], isExecutable: onlyDebian })).toBe('/usr/bin/chromium');
    expect(start.findBrowser(start.BROWSER_CANDIDATES, { pathDirs, isExecutable: () => false })).toBeNull();
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
});

describe('prepareBrowserLaunch', () => {
  const link = 'http://127.0.0.1:4781/?secret=one-time-code-abcdef';
  let base: string;
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('never puts the kiosk link in the browser\'s arguments: it opens a private launcher page', () => {
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
