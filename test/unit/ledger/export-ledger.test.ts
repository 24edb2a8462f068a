import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, exportLedger, type ExportOptions } from '../../../electron/core/ledger/export-ledger.js';
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
      'elapsedMs', 'reason', 'segment', 'quarantinedBytes', 'segments', 'cause', 'action',
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
