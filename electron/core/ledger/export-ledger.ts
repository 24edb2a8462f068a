// Audit and disclosure exports: JSONL (the lines exactly as stored, so the chain can be
// rechecked), CSV that opens cleanly in Excel (UTF-8 with BOM, CRLF, a column per field),
// JSON-LD per session, or a summary table. The hub calls `exportRecords` with its own lines.
import type { LedgerRecord } from '../../shared/events.js';
import { exportJsonLd, type Controller } from './export-jsonld.js';
import { CSV_HEADER, exportRow, hasFilter, matchesFilter, type RecordFilter } from './export-rows.js';
import { exportSummary } from './export-summary.js';
import { lineNumberAt, planLineRanges } from './line-ranges.js';
import type { ExportedRange } from './range-jobs.js';
import { PARALLEL_DEFAULTS, RangeWorkers, type ParallelOptions } from './range-workers.js';
import { checkLedgerLine } from './record-line.js';
import { listSegments, segmentEnd } from './segment-files.js';
import { streamSegmentLines } from './segment-lines.js';

export { CSV_COLUMNS, csvCell, matchesFilter, type RecordFilter } from './export-rows.js';

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

/** The segments that can hold records at or after `from`: no event in a segment is later than its month. */
async function segmentsFrom(dir: string, from?: Date): Promise<string[]> {
  return (await listSegments(dir)).filter((segment) => !from || segmentEnd(segment) > from);
}

const brokenLine = (segment: string, line: number, problem: string): Error =>
  new Error(`${segment} line ${line}: ${problem}; run \`kokuchi ledger verify\``);

/** The ledger's records in order, from the first segment that can hold `from` on. */
export async function* ledgerEntries(dir: string, from?: Date): AsyncGenerator<ExportEntry> {
  for (const segment of await segmentsFrom(dir, from)) {
    // A piece of the segment at a time: memory stays flat whatever the ledger's size.
    for await (const lines of streamSegmentLines(dir, segment)) {
      for (const entry of lines) {
        if (!entry.complete) break;
        const check = checkLedgerLine(entry.bytes);
        if (!check.ok) throw brokenLine(segment, entry.line, check.problem);
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
  const chosen = hasFilter(options) ? filtered(entries, options) : entries;
  if (options.summary) {
    yield* exportSummary(records(chosen));
    return;
  }
  if (options.format === 'jsonld') {
    yield* exportJsonLd(records(chosen), { controller: options.controller ?? {} });
    return;
  }
  const format = options.format;
  if (format === 'csv') yield CSV_HEADER;
  for await (const { record, line } of chosen) yield exportRow(record, line, format);
}

/** What an export wrote: rows (CSV, JSONL or summary) or sessions (JSON-LD). */
export interface ExportTally {
  count: number;
}

/**
 * CSV or JSONL rows of a large ledger, range by range on worker threads, in order; null where
 * no worker can run. A line that is not a record ends the export there, as it does read in order.
 */
async function exportInParallel(
  dir: string,
  options: ExportOptions & { format: 'csv' | 'jsonl' },
  tally: ExportTally,
  parallel: ParallelOptions,
): Promise<AsyncGenerator<ExportPiece> | null> {
  const { minBytes, rangeBytes, threads } = { ...PARALLEL_DEFAULTS, ...parallel };
  const { ranges, bytes } = await planLineRanges(dir, await segmentsFrom(dir, options.from), rangeBytes);
  if (bytes < minBytes || ranges.length < 2) return null;
  const { from, to, types, counter, session } = options;
  const filter = {
    ...(from ? { from: from.toISOString() } : {}),
    ...(to ? { to: to.toISOString() } : {}),
    ...(types ? { types: [...types] } : {}),
    ...(counter !== undefined ? { counter } : {}),
    ...(session !== undefined ? { session } : {}),
  };
  const workers = await RangeWorkers.start({ kind: 'export', dir, format: options.format, filter }, Math.min(threads, ranges.length));
  if (workers === null) return null;
  return (async function* () {
    if (options.format === 'csv') yield CSV_HEADER;
    let index = 0;
    for await (const range of workers.results<ExportedRange>(ranges)) {
      const { segment } = ranges[index++]!;
      if (range.bytes.length > 0) yield range.bytes;
      tally.count += range.records;
      if (range.problem !== null) {
        throw brokenLine(segment, await lineNumberAt(dir, segment, range.problem.offset), range.problem.message);
      }
    }
  })();
}

/** A piece of an export: text, or UTF-8 bytes (the rows a worker thread formatted). */
export type ExportPiece = string | Uint8Array;

/**
 * The export of the ledger in `dir`, in pieces; `tally` counts what it holds. A large CSV or
 * JSONL export is formatted on worker threads (`parallel` tunes that) and comes as bytes.
 */
export async function* exportLedger(
  dir: string,
  options: ExportOptions,
  tally: ExportTally = { count: 0 },
  parallel: ParallelOptions = {},
): AsyncGenerator<ExportPiece> {
  const { format } = options;
  if (!options.summary && (format === 'csv' || format === 'jsonl')) {
    const pieces = await exportInParallel(dir, { ...options, format }, tally, parallel);
    if (pieces !== null) {
      yield* pieces;
      return;
    }
  }
  // One piece per row or session, and a header (CSV, the summary) or an opening and a closing (JSON-LD).
  const framing = options.summary || format === 'csv' ? 1 : format === 'jsonld' ? 2 : 0;
  tally.count -= framing;
  for await (const piece of exportRecords(ledgerEntries(dir, options.from), options)) {
    tally.count += 1;
    yield piece;
  }
}
