// A reader going through the ledger from far back, a batch at a time (an endpoint catching up),
// must not read each segment from its start for every batch: the next read starts where the one
// before stopped. Shown by damaging the lines already read: a read that went back over them fails.
import { open } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsentLedger } from '../../../electron/core/ledger/consent-ledger.js';
import { ReadPositions, readRecordsAfter } from '../../../electron/core/ledger/read-records.js';
import { makeTempLedger, type TempLedger } from './temp-ledger.js';

let temp: TempLedger;
beforeEach(async () => {
  temp = await makeTempLedger();
});
afterEach(async () => {
  await temp.cleanup();
});

/** 4 records in October, 5 in November, 3 in December: seq 1–12. */
async function writeThreeMonths(): Promise<void> {
  const ledger = await temp.open();
  for (const [month, count] of [['2026-10', 4], ['2026-11', 5], ['2026-12', 3]] as const) {
    temp.clock.now = new Date(`${month}-10T00:00:00.000Z`);
    for (let i = 0; i < count; i += 1) await ledger.append('logging.stop', null, { reason: `${month}#${i}` });
  }
  await ledger.close();
}

/** Overwrites the first `lines` lines of a segment with as many bytes of junk (newlines kept). */
async function damage(segment: string, lines: number): Promise<void> {
  const file = path.join(temp.dir, segment);
  const handle = await open(file, 'r+');
  try {
    const content = await handle.readFile();
    let end = 0;
    for (let i = 0; i < lines; i += 1) end = content.indexOf(0x0a, end) + 1;
    const junk = Buffer.from(content.subarray(0, end).toString('latin1').replace(/[^\n]/g, 'x'), 'latin1');
    await handle.write(junk, 0, junk.length, 0);
  } finally {
    await handle.close();
  }
}

const seqs = (records: Array<{ seq: number }>) => records.map((record) => record.seq);

describe('reading on from where the last read stopped', () => {
  it('the ledger reads the next batch from where the last one ended, not from the segment\'s start', async () => {
    await writeThreeMonths();
    // Freshly opened, nothing is in memory: what the outbox catches up with comes from the files.
    const ledger: ConsentLedger = await temp.open();
    try {
      expect(seqs(await ledger.readAfter(0, 2))).toEqual([1, 2]);
      expect(seqs(await ledger.readAfter(2, 4))).toEqual([3, 4, 5, 6]);
      // Everything read so far is now unreadable; the next batches need only what comes after it.
      await damage('2026-10.jsonl', 4);
      await damage('2026-11.jsonl', 2);
      expect(seqs(await ledger.readAfter(6, 4))).toEqual([7, 8, 9, 10]);
      expect(seqs(await ledger.readAfter(10, 4))).toEqual([11, 12]);
      // A reader from elsewhere (no place kept for seq 3) searches, and meets the damage.
      await expect(ledger.readAfter(3, 1)).rejects.toThrow(/not valid JSON/);
    } finally {
      await ledger.close();
    }
  });

  it('gives the same records with and without kept places, whatever the batch size, across segments', async () => {
    await writeThreeMonths();
    const all = seqs(await readRecordsAfter(temp.dir, 0, { upTo: 12 }));
    expect(all).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const limit of [1, 2, 3, 4, 5, 7, 12]) {
      const positions = new ReadPositions();
      const read: number[] = [];
      for (let after = 0; after < 12; after = read.at(-1)!) {
        read.push(...seqs(await readRecordsAfter(temp.dir, after, { upTo: 12, limit, positions })));
      }
      expect(read).toEqual(all);
    }
    // Stopped by upTo, then on once more records are durable.
    const positions = new ReadPositions();
    expect(seqs(await readRecordsAfter(temp.dir, 0, { upTo: 6, positions }))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(seqs(await readRecordsAfter(temp.dir, 6, { upTo: 12, positions }))).toEqual([7, 8, 9, 10, 11, 12]);
  });

  it('searches as before when a kept place does not hold the next record', async () => {
    await writeThreeMonths();
    for (const wrong of [
      { segment: '2026-11.jsonl', offset: 1, line: 1 }, // inside a line
      { segment: '2026-11.jsonl', offset: 0, line: 1 }, // a line, but seq 5, not 3
      { segment: '2026-09.jsonl', offset: 0, line: 1 }, // a segment that is not there
    ]) {
      const positions = new ReadPositions();
      positions.set(2, wrong);
      expect(seqs(await readRecordsAfter(temp.dir, 2, { upTo: 12, limit: 4, positions }))).toEqual([3, 4, 5, 6]);
      // And the search keeps the right place for the next batch.
      expect(positions.get(6)).toMatchObject({ segment: '2026-11.jsonl', line: 3 });
    }
  });
});
