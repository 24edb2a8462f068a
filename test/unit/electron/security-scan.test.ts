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
const scanner = path.join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
const electronVersion = (JSON.parse(await readFile(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
const work = await mkdtemp(path.join(tmpdir(), 'kokuchi-scan-'));

interface Finding {
  check: string;
  severity: string;
  file: string;
}

/** Runs the scanner offline (the Electron version given, so it needs no release list) and reads its CSV. */
async function scan(input: string, name: string): Promise<Finding[]> {
  const out = path.join(work, `${name}.csv`);
  await run(process.execPath, [scanner, '-i', input, '-o', out, '-r', '-e', electronVersion], { timeout: 60_000 });
  const rows = (await readFile(out, 'utf8')).split('\n').slice(1).filter((line) => line.trim() !== '');
  return rows.map((row) => {
    const cells = /^([A-Z_]+),"([A-Z]+)","[A-Z]+","([^"]*)"/.exec(row);
    if (!cells) throw new Error(`unexpected scanner row: ${row}`);
    return { check: cells[1]!, severity: cells[2]!, file: cells[3]! };
  });
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
    const [shell, control] = await Promise.all([scan(path.join(root, 'electron'), 'shell'), scan(planted, 'planted')]);
    // The kiosk window was read: its literal options are what the scanner judged.
    expect(shell.some((finding) => finding.file.endsWith('kiosk-window.ts'))).toBe(true);
    expect(shell.filter((finding) => finding.severity === 'HIGH')).toEqual([]);
    expect(control.filter((finding) => finding.severity === 'HIGH').length).toBeGreaterThan(0);
  }, 90_000);
});
