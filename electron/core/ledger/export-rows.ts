// One exported row per record, the same whoever formats it (the caller, or a worker thread
// of the parallel export): the filter, the CSV columns and cells, and the JSONL line.
import { BASE_FIELDS, EVENT_TYPES, TYPE_FIELDS, type EventType, type LedgerRecord } from '../../shared/events.js';

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

export function hasFilter(filter: RecordFilter): boolean {
  return Boolean(filter.from || filter.to || filter.types || filter.counter !== undefined || filter.session !== undefined);
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

export const CSV_HEADER = `\uFEFF${CSV_COLUMNS.join(',')}\r\n`;

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

/**
 * For each known type, the CSV columns its records can fill (ascending) and the commas that
 * come after each: a row is built from those alone instead of a cell for all the columns.
 */
const TYPE_ROW_PLAN = new Map<string, { columns: string[]; after: string[] }>(
  EVENT_TYPES.map((type: EventType) => {
    const own = new Set<string>([...BASE_FIELDS, ...TYPE_FIELDS[type]]);
    const indices = CSV_COLUMNS.flatMap((column, index) => (own.has(column) ? [index] : []));
    const after = indices.map((index, i) => ','.repeat((indices[i + 1] ?? CSV_COLUMNS.length) - index - (i + 1 < indices.length ? 0 : 1)));
    return [type, { columns: indices.map((index) => CSV_COLUMNS[index]!), after }];
  }),
);

/** One CSV row (with its CRLF): a cell per column of CSV_COLUMNS. */
export function csvRow(record: LedgerRecord): string {
  const plan = TYPE_ROW_PLAN.get(record.type);
  if (plan === undefined) {
    return `${CSV_COLUMNS.map((column) => csvCell(record[column])).join(',')}\r\n`;
  }
  const { columns, after } = plan;
  let row = '';
  for (let i = 0; i < columns.length; i++) row += csvCell(record[columns[i]!]) + after[i]!;
  return `${row}\r\n`;
}

/** The export of one record: its CSV row, or its stored line as it is (JSONL). */
export function exportRow(record: LedgerRecord, line: string, format: 'csv' | 'jsonl'): string {
  return format === 'csv' ? csvRow(record) : `${line}\n`;
}
