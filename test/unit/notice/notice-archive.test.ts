// The notice archive: a text kept under its version before any record names it, read back
// exactly, refused when altered, and pruned only when no retained record names it.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG } from '../../../electron/core/config/load-config.js';
import { ConsentLedger } from '../../../electron/core/ledger/consent-ledger.js';
import { loadLocales } from '../../../electron/core/notice/locale-files.js';
import {
  archiveNotice,
  noticeArchiveDir,
  pruneNoticeArchive,
  readArchivedNotice,
} from '../../../electron/core/notice/notice-archive.js';
import { renderNotice } from '../../../electron/core/notice/render-notice.js';
import { CounterSession } from '../../../electron/core/session/counter-session.js';

const { locales } = await loadLocales(join(import.meta.dirname, '../../../locales'));
const versionOf = (text: string) => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
let dataDir: string;
let dir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'kokuchi-notices-'));
  dir = noticeArchiveDir(dataDir);
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('notice archive', () => {
  it('keeps the exact text under sha256-<hex>.txt, mode 0600, and reads it back', async () => {
    const text = 'お知らせ\n{録音|ろくおん}します\nわかりました';
    const version = versionOf(text);
    await archiveNotice(dir, version, text);
    await archiveNotice(dir, version, text);
    const file = join(dir, `${version.replace(':', '-')}.txt`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual([`${version.replace(':', '-')}.txt`]);
    expect(await readArchivedNotice(dir, version)).toEqual({ ok: true, text });
  });

  it('refuses a text that does not hash to the version, and writes nothing', async () => {
    await expect(archiveNotice(dir, versionOf('a'), 'b')).rejects.toThrow(/does not hash/);
    await expect(readdir(dir)).rejects.toThrow();
  });

  it('names a missing, malformed or altered version instead of printing a wrong text', async () => {
    const version = versionOf('the notice');
    expect(await readArchivedNotice(dir, version)).toEqual({ ok: false, problem: expect.stringContaining('no such notice') });
    expect(await readArchivedNotice(dir, 'sha256:xyz')).toEqual({ ok: false, problem: expect.stringContaining('64 lowercase hex') });
    await archiveNotice(dir, version, 'the notice');
    await writeFile(join(dir, `${version.replace(':', '-')}.txt`), 'the notic3');
    expect(await readArchivedNotice(dir, version)).toEqual({ ok: false, problem: expect.stringContaining('was changed') });
  });

  it('prunes only texts no record names and not used within the grace time', async () => {
    const named = versionOf('named');
    const orphan = versionOf('orphan');
    const fresh = versionOf('fresh');
    for (const [version, text] of [[named, 'named'], [orphan, 'orphan'], [fresh, 'fresh']] as const) {
      await archiveNotice(dir, version, text);
    }
    const old = new Date('2020-01-01T00:00:00Z');
    await utimes(join(dir, `${named.replace(':', '-')}.txt`), old, old);
    await utimes(join(dir, `${orphan.replace(':', '-')}.txt`), old, old);
    const removed = await pruneNoticeArchive(dir, new Set([named]), { now: new Date(), graceMs: 60_000 });
    expect(removed).toEqual([orphan]);
    expect((await readArchivedNotice(dir, named)).ok).toBe(true);
    expect((await readArchivedNotice(dir, fresh)).ok).toBe(true);
    expect((await readArchivedNotice(dir, orphan)).ok).toBe(false);
  });

  it('is written before the notice.shown that names it, and a failed write records nothing', async () => {
    const ledger = await ConsentLedger.open({ dir: join(dataDir, 'ledger'), kioskId: 'k1', counterId: 'c1' });
    const seenAtAppend: boolean[] = [];
    ledger.onAppend((record) => {
      if (record.type === 'notice.shown') seenAtAppend.push(true);
    });
    let failing = true;
    const session = new CounterSession({
      events: {
        append: async (type, sessionId, payload) => {
          if (type === 'notice.shown') {
            const version = (payload as { noticeVersion: string }).noticeVersion;
            expect((await readArchivedNotice(dir, version)).ok).toBe(true);
          }
          return ledger.append(type, sessionId, payload);
        },
        appendTogether: (entries) => ledger.appendTogether(entries),
      },
      timing: EXAMPLE_CONFIG.session,
      renderNotice: (language, ctx) => renderNotice(locales.get(language)!, EXAMPLE_CONFIG, ctx),
      newSessionId: () => 's1',
      onChange: () => undefined,
      archiveNotice: async (notice) => {
        if (failing) throw new Error('ENOSPC: no space left on device');
        await archiveNotice(dir, notice.version, notice.text);
      },
    });
    try {
      const id = await session.start({ by: 'staff', staffName: null, language: 'vi', recording: 'audio' });
      const notice = session.session!.notice;
      await expect(session.noticeShown(id, notice.version)).rejects.toThrow(/ENOSPC/);
      expect(seenAtAppend).toEqual([]);
      failing = false;
      await session.noticeShown(id, notice.version);
      expect(seenAtAppend).toEqual([true]);
      expect(await readArchivedNotice(dir, notice.version)).toEqual({ ok: true, text: notice.text });
    } finally {
      await session.closeOpen('kiosk-restart');
      await ledger.close();
    }
  });
});
