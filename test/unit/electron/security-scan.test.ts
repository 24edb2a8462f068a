// Doyensec Electronegativity over electron/: the shell must have no HIGH finding. A planted
// window with contextIsolation off shows that the scan, run the same way, does report one.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const scanner = path.join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'runner.js');
const electronVersion = (JSON.parse(await readFile(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
const work = await mkdtemp(path.join(tmpdir(), 'kokuchi-scan-'));

interface Finding {
  check: string;
  severity: string;
  file: string;
}

// The scanner's own CSV writer races its header against its rows (two unawaited writes), so a
// row can come out overwritten; its library entry returns the findings themselves instead.
const SCAN_CHILD = `
const run = require(process.argv[1]);
run({ input: process.argv[2], isRelative: true, electronVersionOverride: process.argv[3], customScan: [], excludeFromScan: [], parserPlugins: [] })
  .then((result) => process.stdout.write('\\n' + JSON.stringify(result.issues.map((issue) => ({ check: issue.id, severity: issue.severity.name, file: issue.file })))))
  .catch((error) => { console.error(error); process.exit(1); });
`;

/** Runs the scanner offline (the Electron version given, so it needs no release list) and reads its findings. */
async function scan(input: string): Promise<Finding[]> {
  const { stdout } = await run(process.execPath, ['-e', SCAN_CHILD, scanner, input, electronVersion], { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
  // The scanner logs its own progress lines first; the findings are the last line.
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Finding[];
}

afterAll(() => rm(work, { recursive: true, force: true }));

describe('the Electron shell under Electronegativity', () => {
  it('has no HIGH finding, and the same scan finds one in a window with contextIsolation off', async () => {
    const planted = path.join(work, 'planted');
    await run('mkdir', ['-p', planted]);
    await writeFile(
      path.join(planted, 'window.js'),
      "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { contextIsolation: false, nodeIntegration: true } });\n",
    );
    const [shell, control] = await Promise.all([scan(path.join(root, 'electron')), scan(planted)]);
    // The kiosk window was read: its literal options are what the scanner judged.
    expect(shell.some((finding) => finding.file.endsWith('kiosk-window.ts'))).toBe(true);
    expect(shell.filter((finding) => finding.severity === 'HIGH')).toEqual([]);
    expect(control.filter((finding) => finding.severity === 'HIGH').length).toBeGreaterThan(0);
  }, 90_000);
});
