// The whole core on a disk that fails: a resident's "I understand" that could not be stored
// is not thanked and sends no logging.start, the screen asks for staff, staff commands get an
// `error`, and the kiosk comes back by itself once the disk does. One test fills a real tmpfs
// (where this machine lets the test mount one), the other fails fdatasync through the adapter.
import { execFile } from 'node:child_process';
import { mkdir, open, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { KioskCore } from '../../electron/core/kiosk-core.js';
import { verifyLedger } from '../../electron/core/ledger/verify-ledger.js';
import { failingDisk } from '../support/failing-disk.js';
import { startCoreInProcess } from '../support/kiosk-in-process.js';
import { TOKEN, makeDataDir, removeDataDir } from '../support/kiosk-process.js';
import { ledgerLines } from '../support/ledger-lines.js';
import { RawStaffClient } from '../support/raw-staff-client.js';
import { staffApi } from '../support/staff-api.js';

const run = promisify(execFile);
const cores: KioskCore[] = [];
const clients: RawStaffClient[] = [];
const mounts: string[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  for (const core of cores.splice(0)) await core.close();
  for (const mount of mounts.splice(0)) await run('umount', [mount]);
});
afterAll(async () => {
  for (const dir of dirs) await removeDataDir(dir);
});

/** A kiosk with a staff client holding a session whose notice the page has shown. */
async function kioskWithNoticeShown(core: KioskCore) {
  cores.push(core);
  const staff = await RawStaffClient.connect(core.staffLinkUrl, { token: TOKEN });
  clients.push(staff);
  await staff.waitForWelcome();
  staff.send({ type: 'session.start', id: 'start', staffName: 'Sato' });
  const sessionId = ((await staff.waitForReply('start')).sessionId as string | undefined) ?? '';
  const view = await core.call('getView', {});
  await core.call('noticeShown', { sessionId, noticeVersion: view.session?.notice.version ?? '' });
  return { staff, sessionId };
}

const screen = async (core: KioskCore) => (await core.call('getView', {})).screen;

async function expectRefusedThenRecovered(
  core: KioskCore,
  dataDir: string,
  { staff, sessionId }: { staff: RawStaffClient; sessionId: string },
  code: string,
  heal: () => Promise<void>,
) {
  await expect(core.call('answer', { sessionId, answer: 'acknowledged' })).rejects.toMatchObject({
    code: 'invalid-state',
    message: expect.stringContaining(code),
  });
  // No thank-you: the screen asks for a staff member, and staff can see why.
  const view = await core.call('getView', {});
  expect(view.screen).toBe('maintenance');
  expect(view.problems.join(' ')).toContain(code);
  expect(await (await staffApi(core.staffLinkUrl).get('v1/status')).json()).toMatchObject({ maintenance: true });
  staff.send({ type: 'session.override', id: 'override', sessionId, reason: 'explained the purpose' });
  expect(await staff.waitForReply('override')).toMatchObject({ type: 'error', code: 'invalid-state' });
  expect(staff.events().map((event) => event.type)).not.toContain('logging.start');

  await heal();
  // The kiosk checks the disk by itself (about once a second): bounded by count, not by a sleep.
  await expect.poll(() => screen(core), { interval: 200, timeout: 10_000 }).toBe('notice');
  await core.call('answer', { sessionId, answer: 'acknowledged' });
  expect(await screen(core)).toBe('thanks');
  await staff.waitForEvent('logging.start', sessionId);
  const types = (await ledgerLines(path.join(dataDir, 'ledger'))).map(({ line }) => (JSON.parse(line) as { type: string }).type);
  expect(types.filter((type) => type !== 'language.changed')).toEqual([
    'kiosk.started',
    'kiosk.key',
    'session.started',
    'notice.shown',
    'consent.acknowledged',
    'logging.start',
  ]);
  expect(await verifyLedger(path.join(dataDir, 'ledger'))).toMatchObject({ ok: true, events: types.length });
}

/** Mounts a 64 KiB tmpfs as the ledger folder; false where this machine does not allow it. */
async function mountTinyDisk(ledgerDir: string): Promise<boolean> {
  await mkdir(ledgerDir, { recursive: true });
  try {
    await run('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', ledgerDir]);
    mounts.push(ledgerDir);
    return true;
  } catch {
    return false;
  }
}

/** Writes a filler file until the disk is full; bounded by the disk's size in blocks. */
async function fill(file: string): Promise<void> {
  const handle = await open(file, 'w');
  try {
    for (let block = 0; block < 64; block += 1) await handle.write(Buffer.alloc(4096));
    throw new Error('the tiny disk never filled up');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await handle.close();
  }
}

/**
 * On a full disk an append still fits in the slack of the segment's last 4 KiB page. Changing
 * the notice's language (one `language.changed` each) uses that slack up until less than one
 * such record is left — too little for an acknowledgement and its logging.start.
 */
async function useUpPageSlack(core: KioskCore, ledgerDir: string, sessionId: string): Promise<void> {
  const languages = ['en', 'ja'];
  let longest = 0;
  for (let change = 0; change < 16; change += 1) {
    const segment = (await ledgerLines(ledgerDir)).at(-1)!;
    if (change > 0) longest = Math.max(longest, Buffer.byteLength(segment.line) + 1);
    const size = (await stat(path.join(ledgerDir, `${JSON.parse(segment.line).ts.slice(0, 7)}.jsonl`))).size;
    const slack = (4096 - (size % 4096)) % 4096;
    if (change > 0 && slack < longest + 16) return;
    await core.call('changeLanguage', { sessionId, language: languages[change % 2]! });
    const view = await core.call('getView', {});
    await core.call('noticeShown', { sessionId, noticeVersion: view.session?.notice.version ?? '' });
  }
  throw new Error('the page slack was never used up');
}

describe('the kiosk on a failing disk', () => {
  it('on a full disk refuses the answer without thanks or logging.start, and resumes when space is freed', async () => {
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    const ledgerDir = path.join(dataDir, 'ledger');
    const realDisk = await mountTinyDisk(ledgerDir);
    // Without a mount (not root, or no tmpfs), the same ENOSPC comes from the adapter instead.
    const disk = failingDisk();
    const core = await startCoreInProcess({ dataDir, ...(!realDisk && { ledgerFiles: disk.files }) });
    const held = await kioskWithNoticeShown(core);
    const filler = path.join(ledgerDir, 'filler');
    if (realDisk) {
      await fill(filler);
      await useUpPageSlack(core, ledgerDir, held.sessionId);
      // head.json is rewritten after a burst: a page it gave back while the slack was used up is taken too.
      await fill(`${filler}-2`);
    } else disk.faults.spaceLeft = 0;

    await expectRefusedThenRecovered(core, dataDir, held, 'ENOSPC', async () => {
      if (realDisk) await Promise.all([unlink(filler), unlink(`${filler}-2`)]);
      else disk.heal();
    });
  });

  it('refuses the answer when fdatasync fails (EIO), and resumes when the disk does', async () => {
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    const disk = failingDisk();
    const core = await startCoreInProcess({ dataDir, ledgerFiles: disk.files });
    const held = await kioskWithNoticeShown(core);
    disk.faults.syncFails = true;

    await expectRefusedThenRecovered(core, dataDir, held, 'EIO', async () => disk.heal());
    expect(disk.failures).toContain('fdatasync EIO');
  });
});
