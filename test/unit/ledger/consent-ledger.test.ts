import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../../electron/core/ledger/verify-ledger.js';
import { NOTICE_VERSION, makeTempLedger, recordSession, type TempLedger } from './temp-ledger.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

let temp: TempLedger;
beforeEach(async () => {
  temp = await makeTempLedger();
});
afterEach(async () => {
  await temp.cleanup();
});

describe('ConsentLedger', () => {
  it('writes each record as one line with the fixed key order and chains prev over line bytes', async () => {
    const ledger = await temp.open();
    const first = await ledger.append('session.started', 's-1', { recording: 'audio', staffName: null, by: 'resident' });
    const second = await ledger.append('logging.start', 's-1', { by: 'acknowledgement', recording: 'audio-video' });
    await ledger.close();

    const lines = await temp.lines('2026-11.jsonl');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      `{"seq":1,"id":"${first.id}","ts":"2026-11-15T09:00:00.000Z","type":"session.started",` +
        `"kioskId":"kiosk-a","counterId":"counter-1","sessionId":"s-1","prev":"${'0'.repeat(64)}",` +
        `"by":"resident","staffName":null,"recording":"audio"}`,
    );
    // logging.start without a reason leaves the key out rather than writing null.
    expect(Object.keys(JSON.parse(lines[1]!))).toEqual([
      'seq', 'id', 'ts', 'type', 'kioskId', 'counterId', 'sessionId', 'prev', 'by', 'recording',
    ]);
    expect(second.prev).toBe(sha256(lines[0]!));
    expect(JSON.stringify(second)).toBe(lines[1]);
    expect(first.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('continues seq and the chain after a reopen', async () => {
    const ledger = await temp.open();
    await recordSession(ledger, 's-1');
    const headBefore = ledger.headHash;
    await ledger.close();

    const reopened = await temp.open();
    expect(reopened.lastSeq).toBe(7);
    expect(reopened.headHash).toBe(headBefore);
    const next = await reopened.append('logging.stop', 's-2', { reason: 'idle' });
    await reopened.close();

    expect(next.seq).toBe(8);
    expect(next.prev).toBe(headBefore);
    const lines = await temp.lines('2026-11.jsonl');
    expect(lines).toHaveLength(8);
    expect(sha256(lines[6]!)).toBe(headBefore);
    expect(await verifyLedger(temp.dir)).toEqual({ ok: true, events: 8, lastSeq: 8, head: sha256(lines[7]!) });
  });

  it('keeps the folder at 0700 and segment files at 0600', async () => {
    const ledger = await temp.open();
    await ledger.append('logging.stop', null, { reason: 'staff' });
    expect((await stat(temp.dir)).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(temp.dir, '2026-11.jsonl'))).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(temp.dir, 'ledger.lock'))).mode & 0o777).toBe(0o600);
    await ledger.close();
  });

  it('splits segments by the UTC month of each event and keeps seq across them', async () => {
    const ledger = await temp.open();
    temp.clock.now = new Date('2026-11-30T23:59:59.999Z');
    await ledger.append('logging.stop', null, { reason: 'a' });
    // 08:59 on 1 December in Tokyo is still November in UTC.
    temp.clock.now = new Date('2026-12-01T08:59:00.000+09:00');
    await ledger.append('logging.stop', null, { reason: 'b' });
    temp.clock.now = new Date('2026-12-01T00:00:00.000Z');
    await ledger.append('logging.stop', null, { reason: 'c' });
    temp.clock.now = new Date('2027-01-02T00:00:00.000Z');
    await ledger.append('logging.stop', null, { reason: 'd' });
    await ledger.close();

    expect((await readdir(temp.dir)).filter((name) => name.endsWith('.jsonl')).sort()).toEqual([
      '2026-11.jsonl',
      '2026-12.jsonl',
      '2027-01.jsonl',
    ]);
    const reasons = async (segment: string) =>
      (await temp.lines(segment)).map((line) => [JSON.parse(line).seq, JSON.parse(line).reason]);
    expect(await reasons('2026-11.jsonl')).toEqual([[1, 'a'], [2, 'b']]);
    expect(await reasons('2026-12.jsonl')).toEqual([[3, 'c']]);
    expect(await reasons('2027-01.jsonl')).toEqual([[4, 'd']]);
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: true, events: 4, lastSeq: 4 });
  });

  it('never writes back into an older segment when the clock goes back', async () => {
    const ledger = await temp.open();
    temp.clock.now = new Date('2026-12-01T00:00:00.000Z');
    await ledger.append('logging.stop', null, { reason: 'a' });
    temp.clock.now = new Date('2026-11-30T23:00:00.000Z');
    const back = await ledger.append('logging.stop', null, { reason: 'b' });
    await ledger.close();
    // Never back in time either: the record keeps the time of the one before it.
    expect(back.ts).toBe('2026-12-01T00:00:00.000Z');
    expect(await temp.lines('2026-12.jsonl')).toHaveLength(2);
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: true, events: 2 });
  });

  it('reads records after a seq across segments, from memory and from the files', async () => {
    const ledger = await temp.open();
    for (const [month, count] of [['2026-10', 3], ['2026-11', 4], ['2026-12', 2]] as const) {
      temp.clock.now = new Date(`${month}-10T00:00:00.000Z`);
      for (let i = 0; i < count; i += 1) await ledger.append('logging.stop', null, { reason: `${month}#${i}` });
    }
    const fromMemory = await ledger.readAfter(2, 4);
    expect(fromMemory.map((record) => record.seq)).toEqual([3, 4, 5, 6]);
    expect(await ledger.readAfter(9)).toEqual([]);
    await ledger.close();

    // A fresh open has nothing in memory, so these come from the segment files.
    const reopened = await temp.open();
    const fromFiles = await reopened.readAfter(2, 4);
    expect(fromFiles).toEqual(fromMemory);
    expect((await reopened.readAfter(0)).map((record) => record.reason)).toEqual([
      '2026-10#0', '2026-10#1', '2026-10#2', '2026-11#0', '2026-11#1', '2026-11#2', '2026-11#3', '2026-12#0', '2026-12#1',
    ]);
    expect((await reopened.readAfter(6, 100)).map((record) => record.seq)).toEqual([7, 8, 9]);
    await reopened.close();
  });

  it('keeps concurrent appends in call order and tells listeners in seq order after they are durable', async () => {
    const ledger = await temp.open();
    const heard: number[] = [];
    ledger.onAppend((record) => {
      heard.push(record.seq);
    });
    const appends = Array.from({ length: 200 }, (_, i) =>
      ledger.append('consent.questioned', `s-${i}`, { language: 'en', noticeVersion: NOTICE_VERSION, elapsedMs: i }),
    );
    const records = await Promise.all(appends);
    await ledger.close();

    expect(records.map((record) => record.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(records.map((record) => record.sessionId)).toEqual(Array.from({ length: 200 }, (_, i) => `s-${i}`));
    expect(heard).toEqual(records.map((record) => record.seq));
    const lines = await temp.lines('2026-11.jsonl');
    expect(lines.map((line) => JSON.parse(line).elapsedMs)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: true, events: 200, lastSeq: 200 });
  });

  it('calls a listener only once the record is in the segment file', async () => {
    const ledger = await temp.open();
    const segment = path.join(temp.dir, '2026-11.jsonl');
    const seen: { seq: number; onDisk: boolean }[] = [];
    ledger.onAppend((record) => {
      seen.push({ seq: record.seq, onDisk: readFileSync(segment, 'utf8').includes(`${JSON.stringify(record)}\n`) });
    });
    const unsubscribe = ledger.onAppend(() => {
      throw new Error('an unsubscribed listener was called');
    });
    unsubscribe();
    await ledger.append('logging.stop', null, { reason: 'staff' });
    await ledger.append('logging.stop', null, { reason: 'idle' });
    await ledger.close();
    expect(seen).toEqual([
      { seq: 1, onDisk: true },
      { seq: 2, onDisk: true },
    ]);
  });

  it('tells listeners which record ends each write: the last of records written together, and every lone one', async () => {
    const ledger = await temp.open();
    const heard: Array<[string, boolean]> = [];
    ledger.onAppend((record, batchEnds) => heard.push([record.type, batchEnds]));
    const answer = { language: 'en', noticeVersion: NOTICE_VERSION, elapsedMs: 900 };
    await ledger.append('logging.stop', null, { reason: 'staff' });
    await ledger.appendTogether([
      { type: 'consent.acknowledged', sessionId: 's-1', payload: answer },
      { type: 'logging.start', sessionId: 's-1', payload: { by: 'acknowledgement', recording: 'audio' } },
    ]);
    // Queued in one turn: one write, so only its last record ends it.
    await Promise.all([ledger.append('logging.stop', 's-1', { reason: 'staff' }), ledger.append('session.ended', 's-1', { reason: 'staff' })]);
    await ledger.close();
    expect(heard).toEqual([
      ['logging.stop', true],
      ['consent.acknowledged', false],
      ['logging.start', true],
      ['logging.stop', false],
      ['session.ended', true],
    ]);
  });

  it('writes an event and what it causes together: one timestamp, consecutive seqs, all or none', async () => {
    const ledger = await temp.open();
    const answer = { language: 'en', noticeVersion: NOTICE_VERSION, elapsedMs: 900 };
    temp.clock.now = new Date('2026-11-30T23:59:59.999Z');
    const [ack, logging] = await ledger.appendTogether([
      { type: 'consent.acknowledged', sessionId: 's-1', payload: answer },
      { type: 'logging.start', sessionId: 's-1', payload: { by: 'acknowledgement', recording: 'audio' } },
    ]);
    expect([ack!.seq, logging!.seq]).toEqual([1, 2]);
    expect(logging!.ts).toBe(ack!.ts);
    expect(logging!.prev).toBe(sha256(JSON.stringify(ack)));

    await expect(
      ledger.appendTogether([
        { type: 'consent.acknowledged', sessionId: 's-2', payload: answer },
        { type: 'logging.start', sessionId: 's-2', payload: { by: 'nobody', recording: 'audio' } as never },
      ]),
    ).rejects.toThrow(/logging\.start/);
    expect(ledger.lastSeq).toBe(2);
    await ledger.close();
    expect(await temp.lines('2026-11.jsonl')).toHaveLength(2);
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: true, events: 2 });
  });

  it('rejects an invalid payload and writes nothing', async () => {
    const ledger = await temp.open();
    await ledger.append('logging.stop', null, { reason: 'staff' });
    await expect(
      ledger.append('notice.shown', 's-1', { language: 'ja', noticeVersion: 'v1', reviewed: true }),
    ).rejects.toThrow(/notice\.shown/);
    await expect(
      ledger.append('session.started', 's-1', { by: 'mayor', staffName: null, recording: 'audio' } as never),
    ).rejects.toThrow();
    await expect(ledger.append('resident.name' as never, null, {} as never)).rejects.toThrow(/Unknown/);
    expect(ledger.lastSeq).toBe(1);
    const next = await ledger.append('logging.stop', null, { reason: 'idle' });
    await ledger.close();
    expect(next.seq).toBe(2);
    expect(await temp.lines('2026-11.jsonl')).toHaveLength(2);
  });

  it('does not advance the head when a write fails, and continues the chain afterwards', async () => {
    const ledger = await temp.open();
    await ledger.append('logging.stop', null, { reason: 'staff' });
    const head = ledger.headHash;
    // A folder where December's segment should go makes that write fail for real.
    await mkdir(path.join(temp.dir, '2026-12.jsonl'));
    temp.clock.now = new Date('2026-12-01T10:00:00.000Z');
    await expect(ledger.append('logging.stop', null, { reason: 'lost' })).rejects.toThrow();
    expect(ledger.lastSeq).toBe(1);
    expect(ledger.headHash).toBe(head);

    temp.clock.now = new Date('2026-11-30T10:00:00.000Z');
    const next = await ledger.append('logging.stop', null, { reason: 'kept' });
    await ledger.close();
    expect(next.seq).toBe(2);
    expect(next.prev).toBe(head);
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: true, events: 2 });
  });

  it('writes what was queued before close and refuses appends after it', async () => {
    const ledger = await temp.open();
    const queued = ledger.append('logging.stop', null, { reason: 'staff' });
    const closing = ledger.close();
    await expect(ledger.append('logging.stop', null, { reason: 'late' })).rejects.toThrow(/closed/);
    await closing;
    expect((await queued).seq).toBe(1);
    expect(await temp.lines('2026-11.jsonl')).toHaveLength(1);
  });
});
