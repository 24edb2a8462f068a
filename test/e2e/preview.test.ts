// `kokuchi preview`: the real command, a real Chromium, PNG files on disk; and what a
// facilities team sees when a screen does not fit or no browser is installed.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM } from '../support/browser.js';
import { runCli } from '../support/kiosk-process.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
let out: string;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'kokuchi-preview-test-'));
});

afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('kokuchi preview', () => {
  it('photographs every screen in two languages at one size, in normal and large text, and finds they all fit', async () => {
    const dir = join(out, 'fits');
    const { code, stdout, stderr } = await runCli(['preview', '--out', dir, '--lang', 'ja,my', '--size', '800x1280', '--chromium', CHROMIUM]);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/21 screens in .*; all fit/);
    expect(code).toBe(0);

    const files = (await readdir(dir)).sort();
    const expected = ['idle-ja-800x1280.png'];
    for (const language of ['ja', 'my']) {
      for (const large of ['', '-large']) {
        for (const screen of ['notice', 'question', 'recording', 'ended', 'thanks']) expected.push(`${screen}-${language}-800x1280${large}.png`);
      }
    }
    expect(files).toEqual(expected.sort());
    const png = await readFile(join(dir, 'notice-my-800x1280-large.png'));
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    // The PNG header's width and height: the size asked for.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([800, 1280]);
  }, 120_000);

  it('lists each screen that does not fit on a phone-sized screen, one line each, and exits 1', async () => {
    const { code, stdout } = await runCli(['preview', '--out', join(out, 'small'), '--lang', 'en', '--size', '400x600', '--chromium', CHROMIUM]);
    const lines = stdout.split('\n').filter((line) => line !== '');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines).toContainEqual(expect.stringMatching(/^notice-en-400x600: .*taller than the 600 px screen/));
    for (const line of lines) expect(line).toMatch(/^(idle|notice|question|recording|ended|thanks)-(ja|en)-400x600(-large)?: /);
    expect(code).toBe(1);
  }, 120_000);

  it('says in one line when --chromium is not a browser', async () => {
    const { code, stdout, stderr } = await runCli(['preview', '--out', join(out, 'none'), '--chromium', join(out, 'no-such-browser')]);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^kokuchi preview: --chromium .*no-such-browser is not an executable file$/)]);
    expect(code).toBe(1);
  });

  it('refuses a language the office does not offer, and a size it cannot read', async () => {
    const language = await runCli(['preview', '--out', join(out, 'bad'), '--lang', 'xx', '--chromium', CHROMIUM]);
    expect(language.stderr).toMatch(/--lang xx: not offered/);
    expect(language.code).toBe(1);
    const size = await runCli(['preview', '--out', join(out, 'bad'), '--size', 'big', '--chromium', CHROMIUM]);
    expect(size.stderr).toMatch(/--size big: write WIDTHxHEIGHT/);
    expect(size.code).toBe(1);
  });
});
