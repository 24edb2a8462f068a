import { createHash } from 'node:crypto';
import { readdir, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsentLedger } from '../../../electron/core/ledger/consent-ledger.js';
import { pruneLedger } from '../../../electron/core/ledger/prune-ledger.js';
import { archiveNotice, noticeArchiveDir, readArchivedNotice } from '../../../electron/core/notice/notice-archive.js';
import { verifyLedger } from '../../../electron/core/ledger/verify-ledger.js';
import { makeTempLedger, type TempLedger } from './temp-ledger.js';

let temp: TempLedger;
beforeEach(async () => {
  temp = await makeTempLedger();
});
afterEach(async () => {
  await temp.cleanup();
});

const segments = async () => (await readdir(temp.dir)).filter((name) => name.endsWith('.jsonl')).sort();

/** Three records in each of the given months, on the 10th. */
async function fill(months: string[]): Promise<void> {
  const ledger = await temp.open();
  for (const month of months) {
    temp.clock.now = new Date(`${month}-10T00:00:00.000Z`);
    for (let i = 0; i < 3; i += 1) await ledger.append('logging.stop', null, { reason: `${month}#${i}` });
  }
  await ledger.close();
}

describe('pruneLedger', () => {
  it('deletes segments past retention, records them, and the ledger still verifies', async () => {
    await fill(['2025-09', '2025-10', '2025-11', '2026-11']);
    const lastOfOctober = (await temp.lines('2025-10.jsonl'))[2]!;
    temp.clock.now = new Date('2026-11-10T12:00:00.000Z');
    const ledger = await temp.open();
    const removed = await pruneLedger(ledger, { retentionDays: 365, now: temp.clock.now });

    expect(removed).toEqual([
      { segment: '2025-09.jsonl', firstSeq: 1, lastSeq: 3, lastHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      {
        segment: '2025-10.jsonl',
        firstSeq: 4,
        lastSeq: 6,
        lastHash: createHash('sha256').update(lastOfOctober).digest('hex'),
      },
    ]);
    expect(await segments()).toEqual(['2025-11.jsonl', '2026-11.jsonl']);
    const pruned = (await ledger.readAfter(12))[0];
    expect(pruned).toMatchObject({ seq: 13, type: 'ledger.pruned', segments: removed });
    // Records that retention removed are no longer served, even from memory.
    expect((await ledger.readAfter(0))[0]?.seq).toBe(7);
    await ledger.close();
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: true, events: 7, lastSeq: 13 });
  });

  it('removes nothing and records nothing while every segment is within retention', async () => {
    await fill(['2026-10', '2026-11']);
    const ledger = await temp.open();
    expect(await pruneLedger(ledger, { retentionDays: 365, now: new Date('2026-11-10T12:00:00.000Z') })).toEqual([]);
    expect(ledger.lastSeq).toBe(6);
    await ledger.close();
    expect(await segments()).toEqual(['2026-10.jsonl', '2026-11.jsonl']);
  });

  it('never deletes the newest segment, and verifies across two prunes', async () => {
    await fill(['2024-01', '2024-02']);
    let ledger = await temp.open();
    temp.clock.now = new Date('2024-02-10T12:00:00.000Z');
    await pruneLedger(ledger, { retentionDays: 1, now: temp.clock.now });
    await ledger.close();
    expect(await segments()).toEqual(['2024-02.jsonl']);
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: true, events: 4, lastSeq: 7 });

    // Months later the segment holding the first ledger.pruned record goes too.
    temp.clock.now = new Date('2024-06-10T00:00:00.000Z');
    ledger = await temp.open();
    await ledger.append('logging.stop', null, { reason: 'june' });
    await pruneLedger(ledger, { retentionDays: 30, now: temp.clock.now });
    await ledger.close();
    expect(await segments()).toEqual(['2024-06.jsonl']);
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: true, events: 2, lastSeq: 9 });
  });

  it('keeps every notice text a retained record names and drops the ones only pruned records named', async () => {
    const archive = noticeArchiveDir(temp.dataDir);
    const texts = { old: 'notice of 2025', kept: 'notice of 2026' };
    const version = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;
    const ledger = await temp.open();
    for (const [month, text] of [['2025-09', texts.old], ['2026-10', texts.kept], ['2026-11', texts.kept]] as const) {
      temp.clock.now = new Date(`${month}-10T00:00:00.000Z`);
      await archiveNotice(archive, version(text), text);
      await ledger.append('notice.shown', 's', { language: 'ja', noticeVersion: version(text), reviewed: true });
    }
    // Both texts were last used long ago as far as their files tell.
    const longAgo = new Date('2025-09-10T00:00:00.000Z');
    for (const text of Object.values(texts)) await utimes(join(archive, `${version(text).replace(':', '-')}.txt`), longAgo, longAgo);
    temp.clock.now = new Date('2026-11-10T12:00:00.000Z');
    await pruneLedger(ledger, { retentionDays: 365, now: temp.clock.now });
    await ledger.close();
    expect(await segments()).toEqual(['2026-10.jsonl', '2026-11.jsonl']);
    expect(await readArchivedNotice(archive, version(texts.kept))).toEqual({ ok: true, text: texts.kept });
    expect((await readArchivedNotice(archive, version(texts.old))).ok).toBe(false);
  });

  it.each([
    ['ahead of', '2036-11-10T00:00:00.000Z', /is [\d.]+ days ahead of the ledger's newest record \(2026-11-10T00:00:00\.000Z\)/],
    ['behind', '2026-11-08T00:00:00.000Z', /is 2\.0 days behind the ledger's newest record/],
  ])('deletes nothing with a clock %s the ledger\'s newest record by more than a day', async (_how, now, problem) => {
    await fill(['2024-01', '2026-11']);
    const ledger = await temp.open();
    await expect(pruneLedger(ledger, { retentionDays: 30, now: new Date(now) })).rejects.toThrow(problem);
    expect(ledger.lastSeq).toBe(6);
    await ledger.close();
    expect(await segments()).toEqual(['2024-01.jsonl', '2026-11.jsonl']);
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: true, events: 6 });
  });

  it('deletes nothing after the clock leaps ahead while the kiosk runs, though records were written under it', async () => {
    await fill(['2026-10']);
    // The time since boot is what really passes: one hour, while the clock leaps ten years.
    let boot = 0;
    const ledger = await ConsentLedger.open({ dir: temp.dir, kioskId: 'kiosk-a', counterId: 'counter-1', now: () => temp.clock.now, sinceBoot: () => boot });
    boot = 3_600_000;
    temp.clock.now = new Date('2036-10-10T01:00:00.000Z');
    await ledger.append('logging.stop', null, { reason: 'under the leaped clock' });
    expect(ledger.clock).toMatchObject({ trusted: false, jumps: 1 });
    await expect(pruneLedger(ledger, { retentionDays: 30 })).rejects.toThrow(/Not pruning: the system clock jumped by 365[23]\.\d days/);
    await ledger.close();
    expect(await segments()).toEqual(['2026-10.jsonl', '2036-10.jsonl']);
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: true, events: 5 });
  });
});
