// The notice archive: the exact canonical text of every notice version the ledger names,
// content-addressed at `<dataDir>/notices/sha256-<hex>.txt`, so an auditor can read what a
// resident was shown even after the locale files or the office's values changed.
import { createHash } from 'node:crypto';
import { chmod, mkdir, open, readdir, readFile, rename, stat, unlink, utimes } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { syncDirectory } from '../ledger/segment-files.js';

export const NOTICE_VERSION = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected sha256: and 64 lowercase hex digits');

const FILE_NAME = /^sha256-([0-9a-f]{64})\.txt$/;

export function noticeArchiveDir(dataDir: string): string {
  return path.join(dataDir, 'notices');
}

function fileFor(dir: string, version: string): string {
  return path.join(dir, `${NOTICE_VERSION.parse(version).replace(':', '-')}.txt`);
}

function versionOf(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/**
 * Keeps `text` under its version, durably (write + fdatasync + folder sync), before the
 * kiosk writes the record that names it. A text already kept is only touched, so that
 * pruning sees it as in use.
 */
export async function archiveNotice(dir: string, version: string, text: string): Promise<void> {
  if (versionOf(text) !== version) throw new Error(`notice archive: the text does not hash to ${version}`);
  const file = fileFor(dir, version);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const now = new Date();
  try {
    if ((await readFile(file, 'utf8')) === text) {
      await utimes(file, now, now);
      return;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // Written aside and renamed: a crash never leaves a half text under a version's name.
  const temp = `${file}.${process.pid}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await chmod(temp, 0o600);
  await rename(temp, file);
  await syncDirectory(dir);
}

export type ShownNotice = { ok: true; text: string } | { ok: false; problem: string };

/** The kept text of `version`, checked against its hash. */
export async function readArchivedNotice(dir: string, version: string): Promise<ShownNotice> {
  const parsed = NOTICE_VERSION.safeParse(version);
  if (!parsed.success) return { ok: false, problem: `${version}: ${parsed.error.issues[0]?.message ?? 'not a notice version'}` };
  let text: string;
  try {
    text = await readFile(fileFor(dir, version), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { ok: false, problem: `${version}: no such notice in ${dir}` };
    }
    throw error;
  }
  if (versionOf(text) !== version) return { ok: false, problem: `${version}: the kept text was changed (its SHA-256 differs)` };
  return { ok: true, text };
}

/**
 * Deletes kept texts that no retained record names and that were not archived or used
 * within `graceMs` (a text is written just before the record that names it).
 */
export async function pruneNoticeArchive(
  dir: string,
  named: ReadonlySet<string>,
  options: { now: Date; graceMs: number },
): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const removed: string[] = [];
  for (const name of names.sort()) {
    const match = FILE_NAME.exec(name);
    if (!match) continue;
    const version = `sha256:${match[1]}`;
    if (named.has(version)) continue;
    const file = path.join(dir, name);
    if (options.now.getTime() - (await stat(file)).mtimeMs < options.graceMs) continue;
    await unlink(file);
    removed.push(version);
  }
  if (removed.length > 0) await syncDirectory(dir);
  return removed;
}
