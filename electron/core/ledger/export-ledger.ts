// Audit and disclosure exports: JSONL (the lines exactly as stored, so the chain can be
// rechecked), CSV that opens cleanly in Excel (UTF-8 with BOM, CRLF, a column per field),
// JSON-LD per session, or a summary table. The hub calls `exportRecords` with its own lines.
import { BASE_FIELDS, EVENT_TYPES, TYPE_FIELDS, type LedgerRecord } from '../../shared/events.js';
import { exportJsonLd, type Controller } from './export-jsonld.js';
import { exportSummary } from './export-summary.js';
import { checkLedgerLine } from './record-line.js';
import { listSegments, segmentEnd } from './segment-files.js';
import { streamSegmentLines } from './segment-lines.js';

export interface RecordFilter {
  /** Inclusive. */
  from?: Date | undefined;
  /** Exclusive. */
  to?: Date | undefined;
  /** Only records of these types (any type, known or not). */
  types?: readonly string[] | undefined;
  counter?: string | undefined;
  session?: string | undefined;
}

export interface ExportOptions extends RecordFilter {
  format: 'csv' | 'jsonl' | 'jsonld';
  /** The summary table (CSV) instead of the records. */
  summary?: boolean | undefined;
  /** The data controller named in JSON-LD: the office's name per language. */
  controller?: Controller | undefined;
}

/** One stored record with its exact line (without `\n`). */
export interface ExportEntry {
  record: LedgerRecord;
  line: string;
}

export function matchesFilter(record: LedgerRecord, filter: RecordFilter): boolean {
  if (filter.from && record.ts < filter.from.toISOString()) return false;
  if (filter.to && record.ts >= filter.to.toISOString()) return false;
  if (filter.types && !filter.types.includes(record.type)) return false;
  if (filter.counter !== undefined && record.counterId !== filter.counter) return false;
  return filter.session === undefined || record.sessionId === filter.session;
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

/**
 * Whether the text surely cannot be read as a formula: it starts with a printable ASCII
 * character other than = + - @, which neither NFKC nor stripping leading blanks changes.
 */
function surelyNotFormula(text: string): boolean {
  const c = text.charCodeAt(0);
  return c > 0x20 && c < 0x7f && c !== 0x3d && c !== 0x2b && c !== 0x2d && c !== 0x40;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One RFC 4180 field; nested values as JSON text. */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  // Text Excel would run as a formula (staff-typed names and reasons) is shown as text instead.
  if (text.length > 0 && !surelyNotFormula(text) && couldRunAsFormula(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The ledger's records in order, from the first segment that can hold `from` on. */
export async function* ledgerEntries(dir: string, from?: Date): AsyncGenerator<ExportEntry> {
  for (const segment of await listSegments(dir)) {
    // No event in a segment is later than its month, so older months can be skipped unread.
    if (from && segmentEnd(segment) <= from) continue;
    // A piece of the segment at a time: memory stays flat whatever the ledger's size.
    for await (const lines of streamSegmentLines(dir, segment)) {
      for (const entry of lines) {
        if (!entry.complete) break;
        const check = checkLedgerLine(entry.bytes);
        if (!check.ok) {
          throw new Error(`${segment} line ${entry.line}: ${check.problem}; run \`kokuchi ledger verify\``);
        }
        yield { record: check.record, line: check.text };
      }
    }
  }
}

async function* filtered(entries: AsyncIterable<ExportEntry>, filter: RecordFilter): AsyncGenerator<ExportEntry> {
  for await (const entry of entries) if (matchesFilter(entry.record, filter)) yield entry;
}

async function* records(entries: AsyncIterable<ExportEntry>): AsyncGenerator<LedgerRecord> {
  for await (const entry of entries) yield entry.record;
}

/** The export of any records in seq order, chunk by chunk: a header (if any), then one chunk per record or row. */
export async function* exportRecords(entries: AsyncIterable<ExportEntry>, options: ExportOptions): AsyncGenerator<string> {
  // Without a filter, no layer of its own: each layer is a promise per record.
  const anyFilter = options.from || options.to || options.types || options.counter !== undefined || options.session !== undefined;
  const chosen = anyFilter ? filtered(entries, options) : entries;
  if (options.summary) {
    yield* exportSummary(records(chosen));
    return;
  }
  if (options.format === 'jsonld') {
    yield* exportJsonLd(records(chosen), { controller: options.controller ?? {} });
    return;
  }
  if (options.format === 'csv') yield BOM + CSV_COLUMNS.join(',') + CRLF;
  for await (const { record, line } of chosen) {
    yield options.format === 'csv' ? CSV_COLUMNS.map((column) => csvCell(record[column])).join(',') + CRLF : `${line}\n`;
  }
}

/** The export of the ledger in `dir`. */
export function exportLedger(dir: string, options: ExportOptions): AsyncGenerator<string> {
  return exportRecords(ledgerEntries(dir, options.from), options);
}
