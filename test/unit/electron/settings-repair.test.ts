// The corrupt-settings handling as a pure function over real files in a temp folder.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keepLastGoodCopy, repairSettingsFile } from '../../../electron/main/settings-repair.js';
import { isUsableSettings } from '../../../electron/main/settings-schema.js';

let dir: string;
let file: string;
const NOW = new Date('2026-11-28T09:15:30.123Z');
const check = () => repairSettingsFile({ file, isUsable: isUsableSettings, now: () => NOW });
const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kokuchi-settings-repair-'));
  file = path.join(dir, 'settings.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('repairSettingsFile', () => {
  it('leaves a first start (no file) alone', () => {
    expect(check()).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps a good file and refreshes its last-good copy', () => {
    writeFileSync(file, '{"kioskId":"kiosk-1","staffToken":"abc"}');
    expect(check()).toEqual([]);
    expect(read('settings.json')).toBe('{"kioskId":"kiosk-1","staffToken":"abc"}');
    expect(read('settings.json.last-good')).toBe('{"kioskId":"kiosk-1","staffToken":"abc"}');
  });

  it('sets a torn file aside byte for byte and puts the last good copy in its place', () => {
    writeFileSync(path.join(dir, 'settings.json.last-good'), '{"kioskId":"kiosk-1"}');
    writeFileSync(file, '{"kioskId":"kio');
    const problems = check();
    expect(read('settings.json.corrupt-2026-11-28T09-15-30-123Z')).toBe('{"kioskId":"kio');
    expect(JSON.parse(read('settings.json'))).toEqual({ kioskId: 'kiosk-1' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^settings\.json was not valid JSON \(.*\); it is kept as settings\.json\.corrupt-2026-11-28T09-15-30-123Z and was replaced with its last good copy/);
  });

  it('treats valid JSON of the wrong shape as corrupt too', () => {
    writeFileSync(path.join(dir, 'settings.json.last-good'), '{"kioskId":"kiosk-1"}');
    writeFileSync(file, '{"kioskId": 42}');
    expect(check()[0]).toMatch(/not a settings object this version can use/);
    expect(JSON.parse(read('settings.json'))).toEqual({ kioskId: 'kiosk-1' });
  });

  it('without a good copy, never wipes silently: the file is kept and the new kiosk id is announced', () => {
    writeFileSync(file, '\0\0\0\0');
    const problems = check();
    expect(existsSync(file)).toBe(false);
    expect(read('settings.json.corrupt-2026-11-28T09-15-30-123Z')).toBe('\0\0\0\0');
    expect(problems[0]).toMatch(/no good copy.*new kiosk id and staff link token: pair the staff apps again/);
  });

  it('never restores a last-good copy that is itself unusable', () => {
    writeFileSync(path.join(dir, 'settings.json.last-good'), '{"kioskId":');
    writeFileSync(file, 'garbage');
    expect(check()[0]).toMatch(/no good copy/);
    expect(existsSync(file)).toBe(false);
  });
});

describe('keepLastGoodCopy', () => {
  it('copies a usable file only', () => {
    writeFileSync(file, '{"kioskId":"kiosk-2"}');
    keepLastGoodCopy(file, isUsableSettings);
    writeFileSync(file, '{"kioskId":');
    keepLastGoodCopy(file, isUsableSettings);
    expect(read('settings.json.last-good')).toBe('{"kioskId":"kiosk-2"}');
  });
});
