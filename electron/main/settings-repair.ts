// A settings file that cannot be used is never wiped. electron-store (conf) would throw
// on it at start — the kiosk could not start at all — or, with `clearInvalidConfig`,
// silently empty it, and with it the kiosk id and the paired token. Instead it is checked
// before the store opens: a bad file is kept as `settings.json.corrupt-<time>` and the
// last good copy (`settings.json.last-good`, refreshed on every write) takes its place.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jsonErrorPlace } from '../core/index.js';

export const LAST_GOOD_SUFFIX = '.last-good';

export interface SettingsFileCheck {
  /** settings.json in userData. */
  file: string;
  isUsable(value: unknown): boolean;
  now?: () => Date;
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Why `text` is not usable settings, or null if it is. */
export function settingsTextProblem(text: string, isUsable: (value: unknown) => boolean): string | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `not valid JSON (${jsonErrorPlace(text, error)})`;
  }
  return isUsable(value) ? null : 'not a settings object this version can use';
}

// Written beside and renamed over, so a power cut never leaves half a file.
function writeWhole(file: string, text: string): void {
  const temp = `${file}.tmp-${process.pid}`;
  writeFileSync(temp, text, { mode: 0o600 });
  renameSync(temp, file);
}

/** Copies `file` to its last-good copy if it is usable; called at start and after each write. */
export function keepLastGoodCopy(file: string, isUsable: (value: unknown) => boolean): void {
  const text = readText(file);
  if (text !== null && settingsTextProblem(text, isUsable) === null) writeWhole(`${file}${LAST_GOOD_SUFFIX}`, text);
}

/**
 * Makes `file` safe for electron-store to open. Returns what happened, for the
 * maintenance screen; nothing when the file was fine or absent (a first start).
 */
export function repairSettingsFile({ file, isUsable, now = () => new Date() }: SettingsFileCheck): string[] {
  const text = readText(file);
  if (text === null) return [];
  const problem = settingsTextProblem(text, isUsable);
  if (problem === null) {
    keepLastGoodCopy(file, isUsable);
    return [];
  }
  const backup = `${file}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
  renameSync(file, backup);
  const name = path.basename(file);
  const kept = `${name} was ${problem}; it is kept as ${path.basename(backup)}`;
  const lastGood = readText(`${file}${LAST_GOOD_SUFFIX}`);
  if (lastGood !== null && settingsTextProblem(lastGood, isUsable) === null) {
    writeWhole(file, lastGood);
    return [`${kept} and was replaced with its last good copy. Check the disk, then restart the kiosk.`];
  }
  return [
    `${kept}. There was no good copy, so this kiosk now has a new kiosk id and staff link token: pair the staff apps again, then restart the kiosk.`,
  ];
}
