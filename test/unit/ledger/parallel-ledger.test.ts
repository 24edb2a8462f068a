// A large ledger is verified and exported range by range on worker threads. Whatever a
// ledger holds, whole or broken, the answer must be the one reading it in order gives: the
// same verdict naming the same segment and line, the same bytes of export, the same error.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { exportLedger, type ExportOptions } from '../../../electron/core/ledger/export-ledger.js';
import { planLineRanges, readRangeLines } from '../../../electron/core/ledger/line-ranges.js';
import { RangeWorkers, type ParallelOptions } from '../../../electron/core/ledger/range-workers.js';
import { splitLines } from '../../../electron/core/ledger/segment-lines.js';
import { verifyLedger } from '../../../electron/core/ledger/verify-ledger.js';
import { exportText, pieceText } from '../../support/export-text.js';
import { makeTempLedger, NOTICE_VERSION, recordSession, type TempLedger } from './temp-ledger.js';

/**
 * Worker threads from the first byte: ranges shorter than any record (so every line is a range
 * of its own, and each check between two lines is a check across a seam), and ranges of several lines.
 */
const PARALLEL: ParallelOptions[] = [
  { minBytes: 0, rangeBytes: 200, threads: 3 },
  { minBytes: 0, rangeBytes: 2000, threads: 2 },
];
const ALONE: ParallelOptions = { threads: 1 };

describe('line ranges', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kokuchi-ranges-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('hand out every line of a segment exactly once, in order, wherever the range ends fall', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.nat({ max: 30 }), fc.nat({ max: 300 })), { maxLength: 40 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 120 }),
        async (lengths, torn, rangeBytes) => {
          const content = Buffer.from(lengths.map((length, i) => `${String.fromCharCode(97 + (i % 26)).repeat(length)}\n`).join('') + (torn ? 'torn' : ''));
          await writeFile(path.join(dir, '2026-11.jsonl'), content);
          const { ranges, bytes } = await planLineRanges(dir, ['2026-11.jsonl'], rangeBytes);
          expect(bytes).toBe(content.length);
          const lines: string[] = [];
          const offsets: number[] = [];
          let tornSeen = false;
          for (const range of ranges) {
            const got = readRangeLines(dir, range);
            expect(tornSeen && got.lines.length > 0, 'a torn line is the last of the segment').toBe(false);
            lines.push(...got.lines.map((line) => line.toString()));
            offsets.push(...got.offsets);
            tornSeen ||= got.torn;
          }
          const expected = splitLines(content);
          expect(lines).toEqual(expected.map((line) => line.bytes.toString()));
          expect(offsets).toEqual(expected.map((line) => line.bytes.byteOffset - content.byteOffset));
          expect(tornSeen).toBe(torn);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('the parallel verify and export', () => {
  let temp: TempLedger;
  const segmentFile = (segment: string) => path.join(temp.dir, segment);

  beforeEach(async () => {
    temp = await makeTempLedger('2026-09-20T09:00:00.000Z');
    const ledger = await temp.open();
    // Three months of counters, with staff words that need quoting in CSV and a second counter.
    for (const [month, sessions] of [['2026-09', 3], ['2026-10', 4], ['2026-11', 3]] as const) {
      for (let i = 0; i < sessions; i++) {
        temp.clock.now = new Date(`${month}-2${i}T0${i}:00:00.000Z`);
        await recordSession(ledger, `${month}-s${i}`);
        await ledger.append('session.started', `${month}-r${i}`, { by: 'staff', staffName: '窓口 "二", 鈴木', recording: 'audio-video' });
        await ledger.append('notice.shown', `${month}-r${i}`, { language: 'vi', noticeVersion: NOTICE_VERSION, reviewed: false });
        await ledger.append('logging.start', `${month}-r${i}`, { by: 'staff-override', reason: '=SUM(A1), explained by phone', recording: 'audio-video' });
      }
    }
    await ledger.close();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await temp.cleanup();
  });

  /** What reading in order gives, and what each parallel reading gives (which must be the same). */
  async function bothWays<T>(run: (parallel: ParallelOptions) => Promise<T>): Promise<{ parallel: T[]; alone: T }> {
    const start = vi.spyOn(RangeWorkers, 'start');
    const parallel: T[] = [];
    for (const options of PARALLEL) parallel.push(await run(options));
    // The worker threads really ran (they can start here: the sources load through tsx).
    for (const { value } of start.mock.results) expect(await value).not.toBeNull();
    expect(start).toHaveBeenCalledTimes(PARALLEL.length);
    start.mockRestore();
    return { parallel, alone: await run(ALONE) };
  }

  async function editLines(segment: string, edit: (lines: string[]) => string[]): Promise<void> {
    const lines = (await readFile(segmentFile(segment), 'utf8')).split('\n').slice(0, -1);
    await writeFile(segmentFile(segment), edit(lines).map((line) => `${line}\n`).join(''));
  }

  it('say a whole ledger is whole, with the same count and head', async () => {
    const { parallel, alone } = await bothWays((options) => verifyLedger(temp.dir, { parallel: options }));
    expect(alone).toMatchObject({ ok: true, events: 100 });
    expect(parallel).toEqual(PARALLEL.map(() => alone));
  });

  const damage: Array<[string, () => Promise<void>]> = [
    ['one changed character in a prev', () => editLines('2026-10.jsonl', (lines) => lines.map((line, i) => (i === 9 ? line.replace(/"prev":"(.)/, (_, c: string) => `"prev":"${c === 'a' ? 'b' : 'a'}`) : line)))],
    // A segment's first line is a range's first line: the seam between two ranges is checked too.
    ['the prev of a segment\'s first record changed', () => editLines('2026-11.jsonl', (lines) => lines.map((line, i) => (i === 0 ? line.replace(/"prev":"(.)/, (_, c: string) => `"prev":"${c === 'a' ? 'b' : 'a'}`) : line)))],
    ['a staff name changed', () => editLines('2026-10.jsonl', (lines) => lines.map((line) => line.replace('鈴木', '佐藤')))],
    ['a line deleted in the middle of a segment', () => editLines('2026-10.jsonl', (lines) => lines.filter((_, i) => i !== 17))],
    ['the first line of a segment deleted', () => editLines('2026-11.jsonl', (lines) => lines.slice(1))],
    ['the last line of an older segment deleted', () => editLines('2026-09.jsonl', (lines) => lines.slice(0, -1))],
    ['two lines swapped', () => editLines('2026-10.jsonl', (lines) => [...lines.slice(0, 4), lines[12]!, ...lines.slice(5, 12), lines[4]!, ...lines.slice(13)])],
    ['a torn last line', async () => writeFile(segmentFile('2026-11.jsonl'), `${await readFile(segmentFile('2026-11.jsonl'), 'utf8')}{"seq":61,"id":"`)],
    ['an older segment cut short mid-line', async () => {
      const text = await readFile(segmentFile('2026-09.jsonl'), 'utf8');
      await writeFile(segmentFile('2026-09.jsonl'), text.slice(0, text.length - 40));
    }],
    ['a line that is not JSON', () => editLines('2026-10.jsonl', (lines) => lines.map((line, i) => (i === 3 ? line.slice(0, -1) : line)))],
    ['keys out of order', () => editLines('2026-09.jsonl', (lines) => lines.map((line, i) => (i === 2 ? JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(line) as object).reverse())) : line)))],
    ['head.json naming another hash', () => writeFile(path.join(temp.dir, 'head.json'), `${JSON.stringify({ seq: 60, hash: 'f'.repeat(64) })}\n`)],
    ['head.json naming records that are gone', () => writeFile(path.join(temp.dir, 'head.json'), `${JSON.stringify({ seq: 75, hash: 'f'.repeat(64) })}\n`)],
    ['a record moved to an earlier month', async () => {
      const lines = (await readFile(segmentFile('2026-11.jsonl'), 'utf8')).split('\n').slice(0, -1);
      await writeFile(segmentFile('2026-11.jsonl'), lines.slice(1).map((line) => `${line}\n`).join(''));
      await writeFile(segmentFile('2026-10.jsonl'), `${await readFile(segmentFile('2026-10.jsonl'), 'utf8')}${lines[0]}\n`);
    }],
    ['the first segment gone with no ledger.pruned to say why', () => rm(segmentFile('2026-09.jsonl'))],
  ];

  it.each(damage)('find %s where reading in order finds it', async (_, harm) => {
    await harm();
    const { parallel, alone } = await bothWays((options) => verifyLedger(temp.dir, { parallel: options }));
    expect(alone.ok).toBe(false);
    expect(parallel).toEqual(PARALLEL.map(() => alone));
  });

  const exports: Array<[string, ExportOptions]> = [
    ['CSV', { format: 'csv' }],
    ['JSONL', { format: 'jsonl' }],
    ['CSV of one type', { format: 'csv', types: ['logging.start'] }],
    ['JSONL of a time window', { format: 'jsonl', from: new Date('2026-10-21T00:00:00.000Z'), to: new Date('2026-11-21T00:00:00.000Z') }],
    ['CSV of one session', { format: 'csv', session: '2026-10-r2' }],
    ['JSONL of another counter (none)', { format: 'jsonl', counter: 'counter-9' }],
  ];

  it.each(exports)('export %s byte for byte as reading in order does, with the same count', async (_, options) => {
    const run = async (parallel: ParallelOptions) => {
      const tally = { count: 0 };
      const text = await exportText(exportLedger(temp.dir, options, tally, parallel));
      return { text, count: tally.count };
    };
    const { parallel, alone } = await bothWays(run);
    expect(parallel).toEqual(PARALLEL.map(() => alone));
  });

  it('stop an export at a line that is not a record, naming it, with what came before it written', async () => {
    await editLines('2026-10.jsonl', (lines) => lines.map((line, i) => (i === 11 ? `${line} ` : line)));
    const run = async (parallel: ParallelOptions) => {
      let text = '';
      const error = await (async () => {
        for await (const piece of exportLedger(temp.dir, { format: 'jsonl' }, undefined, parallel)) text += pieceText(piece);
      })().then(() => null, (problem: Error) => problem.message);
      return { text, error };
    };
    const { parallel, alone } = await bothWays(run);
    expect(alone.error).toMatch(/^2026-10\.jsonl line 12: /);
    expect(parallel).toEqual(PARALLEL.map(() => alone));
  });
});
