import { appendFile, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../../electron/core/ledger/verify-ledger.js';
import { makeTempLedger, recordSession, type TempLedger } from './temp-ledger.js';

let temp: TempLedger;
beforeEach(async () => {
  temp = await makeTempLedger();
});
afterEach(async () => {
  await temp.cleanup();
});

async function quarantineFiles(): Promise<string[]> {
  return (await readdir(temp.dir)).filter((name) => name.includes('.torn-'));
}

/** Writes seven good records, then `tail` by hand as a power cut would leave it. */
async function ledgerWithTail(tail: Buffer): Promise<{ before: Buffer; head: string }> {
  const ledger = await temp.open();
  await recordSession(ledger, 's-1');
  const head = ledger.headHash;
  await ledger.close();
  const segment = path.join(temp.dir, '2026-11.jsonl');
  const before = await readFile(segment);
  await appendFile(segment, tail);
  return { before, head };
}

describe('torn tail recovery', () => {
  it('quarantines half a line, records ledger.recovered and continues the chain', async () => {
    const tail = Buffer.from('{"seq":8,"id":"0190a5b1-7c2e-7000-8000-00000000', 'utf8');
    const { before, head } = await ledgerWithTail(tail);
    temp.clock.now = new Date('2026-11-16T08:30:00.000Z');

    const ledger = await temp.open();
    expect(ledger.lastSeq).toBe(8);
    await ledger.close();

    const files = await quarantineFiles();
    expect(files).toEqual(['2026-11.jsonl.torn-2026-11-16T08-30-00-000Z']);
    expect(await readFile(path.join(temp.dir, files[0]!))).toEqual(tail);

    const after = await readFile(path.join(temp.dir, '2026-11.jsonl'));
    expect(after.subarray(0, before.length)).toEqual(before);
    const recovered = JSON.parse(after.subarray(before.length).toString('utf8'));
    expect(recovered).toMatchObject({
      seq: 8,
      type: 'ledger.recovered',
      sessionId: null,
      prev: head,
      segment: '2026-11.jsonl',
      quarantinedBytes: tail.length,
    });
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: true, events: 8, lastSeq: 8 });
  });

  it('quarantines a complete but garbled last line', async () => {
    const tail = Buffer.from('{"seq":8,"id":"\u0000\u0000 garbage not a record}\n', 'utf8');
    const { before } = await ledgerWithTail(tail);
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: false, segment: '2026-11.jsonl', line: 8 });

    const ledger = await temp.open();
    await ledger.close();

    const files = await quarantineFiles();
    expect(files).toHaveLength(1);
    expect(await readFile(path.join(temp.dir, files[0]!))).toEqual(tail);
    const lines = await temp.lines('2026-11.jsonl');
    expect(lines).toHaveLength(8);
    expect(Buffer.from(lines.slice(0, 7).join('\n') + '\n')).toEqual(before);
    expect(JSON.parse(lines[7]!)).toMatchObject({ seq: 8, type: 'ledger.recovered', quarantinedBytes: tail.length });
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: true, events: 8, lastSeq: 8 });
  });

  it('quarantines a garbled line followed by a torn one, and nothing more', async () => {
    const tail = Buffer.from('not json\n{"seq":9', 'utf8');
    await ledgerWithTail(tail);
    const ledger = await temp.open();
    await ledger.close();
    const files = await quarantineFiles();
    expect(await readFile(path.join(temp.dir, files[0]!))).toEqual(tail);
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: true, events: 8 });
  });

  it('recovers a segment that holds only a torn line, continuing from the previous segment', async () => {
    const ledger = await temp.open();
    await recordSession(ledger, 's-1');
    const head = ledger.headHash;
    await ledger.close();
    const tail = Buffer.from('{"seq":8,"id', 'utf8');
    await appendFile(path.join(temp.dir, '2026-12.jsonl'), tail);
    temp.clock.now = new Date('2026-12-02T00:00:00.000Z');

    const reopened = await temp.open();
    await reopened.close();
    expect(await readFile(path.join(temp.dir, (await quarantineFiles())[0]!))).toEqual(tail);
    const lines = await temp.lines('2026-12.jsonl');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ seq: 8, prev: head, segment: '2026-12.jsonl', quarantinedBytes: 12 });
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: true, events: 8 });
  });

  it('leaves a whole ledger alone', async () => {
    await ledgerWithTail(Buffer.alloc(0));
    const ledger = await temp.open();
    await ledger.close();
    expect(await quarantineFiles()).toEqual([]);
    expect(await temp.lines('2026-11.jsonl')).toHaveLength(7);
  });
});
