import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../../electron/core/ledger/verify-ledger.js';
import { makeTempLedger, recordSession, type TempLedger } from './temp-ledger.js';

let temp: TempLedger;
beforeEach(async () => {
  temp = await makeTempLedger();
  // Seven records in November, seven in December.
  const ledger = await temp.open();
  await recordSession(ledger, 's-1');
  temp.clock.now = new Date('2026-12-03T10:00:00.000Z');
  await recordSession(ledger, 's-2');
  await ledger.close();
});
afterEach(async () => {
  await temp.cleanup();
});

const SEGMENTS = ['2026-11.jsonl', '2026-12.jsonl'] as const;

async function editLines(segment: string, edit: (lines: string[]) => string[]): Promise<() => Promise<void>> {
  const file = path.join(temp.dir, segment);
  const original = await readFile(file);
  const lines = original.toString('utf8').split('\n').slice(0, -1);
  await writeFile(file, edit(lines).map((line) => `${line}\n`).join(''));
  return () => writeFile(file, original);
}

/** Changes one character inside the line, keeping it valid JSON. */
function flipCharacter(line: string, field: 'counterId' | 'prev' | 'sessionId' | 'ts'): string {
  const start = line.indexOf(`"${field}":"`) + field.length + 4;
  const old = line[start + 1]!;
  const replacement = /[0-9]/.test(old) ? String((Number(old) + 1) % 10) : old === 'a' ? 'b' : 'a';
  return line.slice(0, start + 1) + replacement + line.slice(start + 2);
}

describe('verifyLedger', () => {
  it('accepts an untouched ledger', async () => {
    const result = await verifyLedger(temp.dir);
    const last = (await temp.lines('2026-12.jsonl')).at(-1)!;
    const head = createHash('sha256').update(last).digest('hex');
    expect(result).toEqual({ ok: true, events: 14, lastSeq: 14, head });
  });

  it('finds one changed character in any record but the newest, naming its segment and line', async () => {
    for (const segment of SEGMENTS) {
      for (let index = 0; index < 7; index += 1) {
        if (segment === '2026-12.jsonl' && index === 6) continue;
        for (const field of ['counterId', 'prev', 'sessionId', 'ts'] as const) {
          if (field === 'sessionId' && index === 6) continue; // kiosk.started has a null sessionId
          const restore = await editLines(segment, (lines) =>
            lines.map((line, i) => (i === index ? flipCharacter(line, field) : line)),
          );
          const result = await verifyLedger(temp.dir);
          expect(result, `${segment} line ${index + 1}, ${field}`).toMatchObject({ ok: false, segment, line: index + 1 });
          await restore();
        }
      }
    }
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: true });
  });

  it('finds a change to the newest record through head.json, and a lost tail', async () => {
    await editLines('2026-12.jsonl', (lines) => lines.map((line, i) => (i === 6 ? flipCharacter(line, 'counterId') : line)));
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: false, segment: '2026-12.jsonl', line: 7, problem: expect.stringContaining('head.json') });
  });

  it('finds records cut off the end that head.json still remembers', async () => {
    await editLines('2026-12.jsonl', (lines) => lines.slice(0, -1));
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: false, problem: expect.stringContaining('records are missing') });
  });

  it('finds a deleted line in the middle and at the start of a segment', async () => {
    let restore = await editLines('2026-11.jsonl', (lines) => lines.filter((_, i) => i !== 3));
    expect(await verifyLedger(temp.dir)).toEqual({
      ok: false,
      segment: '2026-11.jsonl',
      line: 4,
      problem: 'seq 5 follows seq 3: 1 record(s) missing',
    });
    await restore();
    restore = await editLines('2026-12.jsonl', (lines) => lines.slice(1));
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: false, segment: '2026-12.jsonl', line: 1 });
    await restore();
    await editLines('2026-11.jsonl', (lines) => lines.slice(1));
    expect(await verifyLedger(temp.dir)).toMatchObject({
      ok: false,
      segment: '2026-11.jsonl',
      line: 1,
      problem: expect.stringMatching(/starts at seq 2.*ledger\.pruned/),
    });
  });

  it('rejects keys out of the fixed order, bad JSON and a torn last line', async () => {
    let restore = await editLines('2026-11.jsonl', (lines) =>
      lines.map((line, i) => {
        if (i !== 2) return line;
        const { kioskId, counterId, ...rest } = JSON.parse(line);
        return JSON.stringify({ ...rest, counterId, kioskId });
      }),
    );
    expect(await verifyLedger(temp.dir)).toMatchObject({ line: 3, problem: expect.stringMatching(/fixed order/) });
    await restore();
    restore = await editLines('2026-11.jsonl', (lines) => lines.map((line, i) => (i === 4 ? line.slice(1) : line)));
    expect(await verifyLedger(temp.dir)).toMatchObject({ line: 5, problem: 'not valid JSON' });
    await restore();
    await writeFile(path.join(temp.dir, '2026-12.jsonl'), '{"seq":15', { flag: 'a' });
    expect(await verifyLedger(temp.dir)).toMatchObject({
      segment: '2026-12.jsonl',
      line: 8,
      problem: expect.stringMatching(/incomplete/),
    });
  });

  it('verifies a running ledger up to its durable head, past an append still in flight', async () => {
    const file = path.join(temp.dir, '2026-12.jsonl');
    await writeFile(file, Buffer.concat([await readFile(file), Buffer.from('{"seq":15,"id":"01')]));
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: false, segment: '2026-12.jsonl', line: 8 });
    expect(await verifyLedger(temp.dir, { throughSeq: 14 })).toMatchObject({ ok: true, events: 14, lastSeq: 14 });
    expect(await verifyLedger(temp.dir, { throughSeq: 10 })).toMatchObject({ ok: true, events: 10, lastSeq: 10 });
  });

  it('reports an empty ledger as whole and a missing one as an error', async () => {
    await temp.cleanup();
    await expect(verifyLedger(temp.dir)).rejects.toThrow(/no ledger/);
    await mkdir(temp.dir, { recursive: true });
    expect(await verifyLedger(temp.dir)).toEqual({ ok: true, events: 0, lastSeq: 0, head: '0'.repeat(64) });
  });
});
