// Segments cut short or damaged on disk: a torn write at the very end is set aside and the
// chain continues; anything else (records cut off, a segment truncated in the middle of the
// ledger, an altered newest record) is refused or stays visible to `ledger verify` — never
// papered over by new records.
import { readFile, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../electron/core/ledger/verify-ledger.js';
import { makeTempLedger, recordSession, type TempLedger } from '../unit/ledger/temp-ledger.js';

let temp: TempLedger;
beforeEach(async () => {
  temp = await makeTempLedger();
});
afterEach(async () => {
  await temp.cleanup();
});

const NOVEMBER = '2026-11.jsonl';
const DECEMBER = '2026-12.jsonl';

/** Seven records in November, seven in December, the ledger closed (head.json written). */
async function twoMonths(): Promise<void> {
  const ledger = await temp.open();
  await recordSession(ledger, 's-nov');
  temp.clock.now = new Date('2026-12-01T09:00:00.000Z');
  await recordSession(ledger, 's-dec');
  await ledger.close();
}

const file = (segment: string) => path.join(temp.dir, segment);

/** Where line `n` (1-based) of the segment starts, in bytes. */
async function lineStart(segment: string, n: number): Promise<number> {
  const lines = (await readFile(file(segment), 'utf8')).split('\n').slice(0, n - 1);
  return lines.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0);
}

async function snapshot(): Promise<Buffer[]> {
  return Promise.all([readFile(file(NOVEMBER)), readFile(file(DECEMBER))]);
}

describe('damaged segments', () => {
  it('refuses to write after records were cut off the newest segment mid-line, and leaves the files as found', async () => {
    await twoMonths();
    await truncate(file(DECEMBER), (await lineStart(DECEMBER, 4)) + 30);
    const before = await snapshot();

    await expect(temp.open()).rejects.toThrow(/lost records: it ends at seq 10 but head\.json says seq 14/);
    expect(await snapshot()).toEqual(before);
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: false, segment: DECEMBER, line: 4 });
  });

  it('refuses when whole records were cut off the end at a line boundary', async () => {
    await twoMonths();
    await truncate(file(DECEMBER), await lineStart(DECEMBER, 6));

    await expect(temp.open()).rejects.toThrow(/ends at seq 12 but head\.json says seq 14/);
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: false, problem: expect.stringContaining('records are missing') });
  });

  it('refuses when the whole newest segment was emptied', async () => {
    await twoMonths();
    await truncate(file(DECEMBER), 0);
    await expect(temp.open()).rejects.toThrow(/ends at seq 7 but head\.json says seq 14/);
  });

  it('refuses an altered newest record instead of chaining new records to it', async () => {
    await twoMonths();
    const text = await readFile(file(DECEMBER), 'utf8');
    await writeFile(file(DECEMBER), text.replace('"version":"0.1.0"', '"version":"0.1.1"'));
    await expect(temp.open()).rejects.toThrow(/newest record \(seq 14\) differs/);
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: false, segment: DECEMBER, line: 7 });
  });

  it('an older segment cut in the middle stays reported by verify while the kiosk keeps writing', async () => {
    await twoMonths();
    await truncate(file(NOVEMBER), (await lineStart(NOVEMBER, 3)) + 50);
    const november = await readFile(file(NOVEMBER));

    const ledger = await temp.open();
    await recordSession(ledger, 's-dec-2');
    await ledger.close();
    expect(await readFile(file(NOVEMBER))).toEqual(november);
    expect(await verifyLedger(temp.dir)).toMatchObject({
      ok: false,
      segment: NOVEMBER,
      line: 3,
      problem: expect.stringContaining('cut short'),
    });
  });

  it('a garbled line in the middle of the newest segment is not hidden by later appends', async () => {
    await twoMonths();
    const start = await lineStart(DECEMBER, 3);
    const bytes = await readFile(file(DECEMBER));
    bytes.fill('x'.charCodeAt(0), start + 10, start + 40);
    await writeFile(file(DECEMBER), bytes);

    const ledger = await temp.open();
    await recordSession(ledger, 's-dec-2');
    await ledger.close();
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: false, segment: DECEMBER, line: 3 });
  });

  it('a torn write at the very end is set aside and the chain continues (verify passes)', async () => {
    await twoMonths();
    const whole = await readFile(file(DECEMBER));
    await writeFile(file(DECEMBER), Buffer.concat([whole, Buffer.from('{"seq":15,"id":"01')]));

    const ledger = await temp.open();
    expect(ledger.lastSeq).toBe(15);
    await ledger.close();
    expect((await readFile(file(DECEMBER))).subarray(0, whole.length)).toEqual(whole);
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: true, events: 15, lastSeq: 15 });
  });
});
