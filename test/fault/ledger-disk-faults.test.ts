// The ledger on a disk that fills up or fails its fdatasync: a failed append counts for
// nothing, leaves no half line behind, and the next append after the disk heals continues
// the chain. Real files; the faults come from test/support/failing-disk.ts.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsentLedger } from '../../electron/core/ledger/consent-ledger.js';
import { verifyLedger } from '../../electron/core/ledger/verify-ledger.js';
import { failingDisk, type FailingDisk } from '../support/failing-disk.js';
import { makeTempLedger, NOTICE_VERSION, type TempLedger } from '../unit/ledger/temp-ledger.js';

const SEGMENT = '2026-11.jsonl';
let temp: TempLedger;
let ledger: ConsentLedger | null = null;

async function openOn(disk: FailingDisk): Promise<ConsentLedger> {
  temp = await makeTempLedger();
  ledger = await ConsentLedger.open({ dir: temp.dir, kioskId: 'kiosk-a', counterId: 'counter-1', now: () => temp.clock.now, files: disk.files });
  await ledger.append('session.started', 's1', { by: 'staff', staffName: null, recording: 'audio' });
  return ledger;
}

const acknowledgement = (sessionId: string) =>
  [
    { type: 'consent.acknowledged' as const, sessionId, payload: { language: 'ja', noticeVersion: NOTICE_VERSION, elapsedMs: 900 } },
    { type: 'logging.start' as const, sessionId, payload: { by: 'acknowledgement' as const, recording: 'audio' as const } },
  ];

async function segmentBytes(): Promise<number> {
  return (await stat(path.join(temp.dir, SEGMENT))).size;
}

afterEach(async () => {
  await ledger?.close();
  ledger = null;
  await temp.cleanup();
});

describe('a ledger whose disk fails', () => {
  it('refuses an acknowledgement the full disk took half of, keeps no part of it, and continues once there is space', async () => {
    const disk = failingDisk();
    const open = await openOn(disk);
    const before = await segmentBytes();
    const told: string[] = [];
    open.onAppend((record) => told.push(record.type));
    disk.faults.spaceLeft = 40;

    await expect(open.appendTogether(acknowledgement('s1'))).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(disk.failures).toContain('write ENOSPC');
    expect(await segmentBytes()).toBe(before);
    expect(told).toEqual([]);
    expect(open.lastSeq).toBe(1);
    await expect(open.checkWritable()).rejects.toMatchObject({ code: 'ENOSPC' });

    disk.heal();
    await open.checkWritable();
    const [acknowledged, started] = await open.appendTogether(acknowledgement('s1'));
    expect([acknowledged?.seq, started?.seq]).toEqual([2, 3]);
    expect(told).toEqual(['consent.acknowledged', 'logging.start']);
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: true, events: 3, lastSeq: 3 });
  });

  it('refuses a record whose fdatasync failed (EIO) and cuts its bytes back off the segment', async () => {
    const disk = failingDisk();
    const open = await openOn(disk);
    const before = await readFile(path.join(temp.dir, SEGMENT));
    disk.faults.syncFails = true;

    await expect(open.append('logging.stop', 's1', { reason: 'staff' })).rejects.toMatchObject({ code: 'EIO' });
    expect(await readFile(path.join(temp.dir, SEGMENT))).toEqual(before);

    disk.heal();
    const ended = await open.append('session.ended', 's1', { reason: 'staff' });
    expect(ended.seq).toBe(2);
    expect((await temp.lines(SEGMENT)).map((line) => (JSON.parse(line) as { type: string }).type)).toEqual([
      'session.started',
      'session.ended',
    ]);
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: true, events: 2 });
  });

  it('when even the undo fails, cuts the half line off before the next append, so the chain never breaks', async () => {
    const disk = failingDisk();
    const open = await openOn(disk);
    const before = await segmentBytes();
    disk.faults.syncFails = true;
    disk.faults.truncateFails = true;

    await expect(open.append('logging.stop', 's1', { reason: 'staff' })).rejects.toMatchObject({ code: 'EIO' });
    // The unsynced bytes are still in the file for now; nothing counted them.
    expect(await segmentBytes()).toBeGreaterThan(before);
    expect(open.lastSeq).toBe(1);

    disk.heal();
    await open.append('session.ended', 's1', { reason: 'staff' });
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: true, events: 2, lastSeq: 2 });
  });

  it('a half line left by a failed undo and a crash is set aside on the next open, not chained after', async () => {
    const disk = failingDisk();
    const open = await openOn(disk);
    disk.faults.spaceLeft = 25;
    disk.faults.truncateFails = true;
    await expect(open.append('logging.stop', 's1', { reason: 'staff' })).rejects.toMatchObject({ code: 'ENOSPC' });
    disk.heal();
    await open.close();
    ledger = await ConsentLedger.open({ dir: temp.dir, kioskId: 'kiosk-a', counterId: 'counter-1', now: () => temp.clock.now });
    const types = (await temp.lines(SEGMENT)).map((line) => (JSON.parse(line) as { type: string }).type);
    expect(types).toEqual(['session.started', 'ledger.recovered']);
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: true, events: 2 });
  });
});
