import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pruneLedger } from '../../../electron/core/ledger/prune-ledger.js';
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
    temp.clock.now = new Date('2026-11-20T00:00:00.000Z');
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
    expect(await pruneLedger(ledger, { retentionDays: 365, now: new Date('2026-11-20T00:00:00.000Z') })).toEqual([]);
    expect(ledger.lastSeq).toBe(6);
    await ledger.close();
    expect(await segments()).toEqual(['2026-10.jsonl', '2026-11.jsonl']);
  });

  it('never deletes the newest segment, and verifies across two prunes', async () => {
    await fill(['2024-01', '2024-02']);
    let ledger = await temp.open();
    temp.clock.now = new Date('2024-02-20T00:00:00.000Z');
    await pruneLedger(ledger, { retentionDays: 1, now: new Date('2030-01-01T00:00:00.000Z') });
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
});
