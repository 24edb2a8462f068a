// Audit and disclosure exports: JSONL (the lines exactly as stored, so the chain can be
// rechecked) or CSV that opens cleanly in Excel (UTF-8 with BOM, CRLF, a column per field).
import { BASE_FIELDS, EVENT_TYPES, TYPE_FIELDS } from '../../shared/events.js';
import { checkLedgerLine } from './record-line.js';
import { listSegments, segmentEnd } from './segment-files.js';
import { readSegmentLines } from './segment-lines.js';

export interface ExportOptions {
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  format: 'csv' | 'jsonl';
}

/** Every field any record can carry: base fields, then each type's in EVENT_TYPES order, once each. */
export const CSV_COLUMNS: readonly string[] = [
  ...new Set<string>([...BASE_FIELDS, ...EVENT_TYPES.flatMap((type) => TYPE_FIELDS[type])]),
];

const BOM = '\uFEFF';
const CRLF = '\r\n';

// Spreadsheets skip leading blanks and hidden characters, and read full-width and other
// compatibility forms (＝ ＋ － ＠ ﹦ …) as the ASCII ones: NFKC folds those, U+2212 is a minus too.
const HIDDEN_LEAD = /^[\p{White_Space}\p{Cc}\p{Cf}]+/u;
const FORMULA_START = /^[=+\-@\u2212]/;

/** Whether a spreadsheet could read this text as a formula (or a tab/CR-led cell it reshapes). */
function couldRunAsFormula(text: string): boolean {
  if (/^[\p{Cc}\p{Cf}]/u.test(text)) return true;
  return FORMULA_START.test(text.normalize('NFKC').replace(HIDDEN_LEAD, ''));
}

/** One RFC 4180 field; nested values as JSON text. */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  // Text Excel would run as a formula (staff-typed names and reasons) is shown as text instead.
  if (couldRunAsFormula(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The export, chunk by chunk: the CSV header first, then one chunk per record. */
export async function* exportLedger(dir: string, options: ExportOptions): AsyncGenerator<string> {
  const from = options.from?.toISOString();
  const to = options.to?.toISOString();
  if (options.format === 'csv') yield BOM + CSV_COLUMNS.join(',') + CRLF;
  for (const segment of await listSegments(dir)) {
    // No event in a segment is later than its month, so older months can be skipped unread.
    if (options.from && segmentEnd(segment) <= options.from) continue;
    for (const entry of await readSegmentLines(dir, segment)) {
      if (!entry.complete) break;
      const check = checkLedgerLine(entry.bytes);
      if (!check.ok) {
        throw new Error(`${segment} line ${entry.line}: ${check.problem}; run \`kokuchi ledger verify\``);
      }
      const record = check.record;
      if ((from !== undefined && record.ts < from) || (to !== undefined && record.ts >= to)) continue;
      yield options.format === 'csv'
        ? CSV_COLUMNS.map((column) => csvCell(record[column])).join(',') + CRLF
        : `${entry.bytes.toString('utf8')}\n`;
    }
  }
}
