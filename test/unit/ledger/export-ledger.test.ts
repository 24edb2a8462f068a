import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvCell, exportLedger, type ExportOptions } from '../../../electron/core/ledger/export-ledger.js';
import { makeTempLedger, recordSession, type TempLedger } from './temp-ledger.js';

let temp: TempLedger;
beforeEach(async () => {
  temp = await makeTempLedger('2026-10-20T12:00:00.000Z');
  const ledger = await temp.open();
  await ledger.append('session.started', 's-0', { by: 'staff', staffName: 'Sato, "Desk 2"\nback', recording: 'audio' });
  await ledger.append('logging.start', 's-0', {
    by: 'staff-override',
    reason: '=HYPERLINK("http://x")',
    recording: 'audio-video',
  });
  temp.clock.now = new Date('2026-11-15T09:00:00.000Z');
  await recordSession(ledger, 's-1');
  await ledger.append('ledger.pruned', null, {
    segments: [{ segment: '2025-01.jsonl', firstSeq: 1, lastSeq: 2, lastHash: 'f'.repeat(64) }],
  });
  await ledger.close();
});
afterEach(async () => {
  await temp.cleanup();
});

async function collect(options: ExportOptions): Promise<string> {
  let text = '';
  for await (const chunk of exportLedger(temp.dir, options)) text += chunk;
  return text;
}

/** A small RFC 4180 reader, enough to check what Excel would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += char;
  }
  return rows;
}

describe('exportLedger', () => {
  it('writes CSV with a BOM, CRLF rows and one column per field', async () => {
    const text = await collect({ format: 'csv' });
    expect(text.startsWith('\uFEFFseq,id,ts,type,kioskId,counterId,sessionId,prev,')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text.slice(1));
    const header = rows[0]!;
    expect(header).toEqual(CSV_COLUMNS);
    expect(new Set(header).size).toBe(header.length);
    expect(header).toEqual([
      'seq', 'id', 'ts', 'type', 'kioskId', 'counterId', 'sessionId', 'prev',
      'version', 'configVersion', 'by', 'staffName', 'recording', 'language', 'noticeVersion', 'reviewed',
      'elapsedMs', 'reason', 'staffReason', 'segment', 'quarantinedBytes', 'segments', 'cause', 'action', 'failedAttempts', 'lockedUntil',
      'algorithm', 'publicKey', 'fingerprint',
      'offsetMs', 'clockTs',
    ]);
    expect(rows).toHaveLength(1 + 10);
    for (const row of rows) expect(row).toHaveLength(header.length);

    const cell = (row: string[], column: string) => row[header.indexOf(column)];
    const [started, override] = [rows[1]!, rows[2]!];
    expect(cell(started, 'staffName')).toBe('Sato, "Desk 2"\nback');
    expect(text).toContain(',"Sato, ""Desk 2""\nback",');
    expect(cell(started, 'sessionId')).toBe('s-0');
    expect(cell(started, 'reason')).toBe('');
    // Excel must show it as text, not run it as a formula.
    expect(cell(override, 'reason')).toBe('\'=HYPERLINK("http://x")');
    const kioskStarted = rows[9]!;
    expect(cell(kioskStarted, 'sessionId')).toBe('');
    const pruned = rows[10]!;
    expect(JSON.parse(cell(pruned, 'segments')!)).toEqual([
      { segment: '2025-01.jsonl', firstSeq: 1, lastSeq: 2, lastHash: 'f'.repeat(64) },
    ]);
    expect(cell(rows[4]!, 'reviewed')).toBe('true');
    expect(cell(rows[5]!, 'elapsedMs')).toBe('4200');
  });

  it('writes JSONL as the exact stored lines, filtered by time', async () => {
    const november = await readFile(path.join(temp.dir, '2026-11.jsonl'), 'utf8');
    const october = await readFile(path.join(temp.dir, '2026-10.jsonl'), 'utf8');
    expect(await collect({ format: 'jsonl' })).toBe(october + november);
    expect(await collect({ format: 'jsonl', from: new Date('2026-11-01T00:00:00Z') })).toBe(november);
    expect(await collect({ format: 'jsonl', to: new Date('2026-11-01T00:00:00Z') })).toBe(october);
    expect(await collect({ format: 'jsonl', from: new Date('2026-10-20T12:00:00.000Z'), to: new Date('2026-10-20T12:00:00.001Z') })).toBe(
      october,
    );
    expect(await collect({ format: 'jsonl', from: new Date('2027-01-01T00:00:00Z') })).toBe('');
  });
});

/** What a spreadsheet holds for one cell written by csvCell. */
function cellText(field: string): string {
  const rows = parseCsv(`${field}\r\n`);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toHaveLength(1);
  return rows[0]![0]!;
}

// Every form a spreadsheet reads as the start of a formula, after it skips leading blanks.
const FORMULA_LEADS = ['=', '+', '-', '@', '＝', '＋', '－', '＠', '﹦', '﹢', '﹣', '\u2212', '⁻', '₊'];
const LEADING_BLANKS = ['', ' ', '\u3000', '\u00A0', '\u200B', '\uFEFF', '\t', '\r', '\n', '  \t'];

describe('csvCell', () => {
  it.each([
    ['＝HYPERLINK("http://x")'],
    ['＋cmd|\'/C calc\'!A0'],
    ['－1+1'],
    ['＠SUM(A1)'],
    ['\u3000=1+1'],
    ['\tSato'],
    ['\rSato'],
    ['\u2212 2'],
  ])('shows %j as text, never as a formula', (text) => {
    expect(cellText(csvCell(text))).toBe(`'${text}`);
  });

  it('leaves ordinary names and reasons exactly as they are', () => {
    for (const text of ['佐藤', 'Sato', 'explained; resident agreed', '3番窓口', 'a=b', 'x-y', 'mail@example']) {
      expect(cellText(csvCell(text))).toBe(text);
    }
  });

  it('never lets any formula lead through, whatever blanks come first and whatever follows', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LEADING_BLANKS), fc.constantFrom(...FORMULA_LEADS), fc.string({ unit: 'grapheme' }), (blank, lead, rest) => {
        const text = blank + lead + rest;
        expect(cellText(csvCell(text))).toBe(`'${text}`);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps every text whole: the cell is the text, with at most a leading apostrophe', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const shown = cellText(csvCell(text));
        expect(shown === text || shown === `'${text}`).toBe(true);
        const folded = shown.normalize('NFKC').replace(/^[\p{White_Space}\p{Cc}\p{Cf}]+/u, '');
        expect(/^[=+\-@\u2212]/.test(folded) && !shown.startsWith("'")).toBe(false);
        expect(/^[\t\r]/.test(shown)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
