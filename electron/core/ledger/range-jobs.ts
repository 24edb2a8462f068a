// What is done with one range of a ledger's lines (line-ranges.ts), the same in a worker thread
// as in the caller: check each line for verify and sum the range up, or format it for export.
import { exportRow, hasFilter, matchesFilter, type RecordFilter } from './export-rows.js';
import { readRangeLines, type LineRange } from './line-ranges.js';
import { checkLedgerLine, lineHash, soundLineFacts } from './record-line.js';
import { segmentForTs } from './segment-files.js';

/**
 * A complete line's own checks, which need nothing but the line and its segment's name; with
 * what a verify goes on with: seq, prev, the line's hash, and a ledger.pruned record's segments.
 */
export type CheckedLine = { ok: true; seq: number; prev: string; hash: string; pruned: unknown } | { ok: false; problem: string };

const laterThanSegment = (ts: string, segment: string): string => `ts ${ts} is later than the month of segment ${segment}`;

export function checkSegmentLine(bytes: Uint8Array, segment: string): CheckedLine {
  // Most lines: one pass over the text, no JSON.parse (the record itself is not needed).
  const facts = soundLineFacts(bytes);
  if (facts !== null) {
    if (segmentForTs(facts.ts) > segment) return { ok: false, problem: laterThanSegment(facts.ts, segment) };
    return { ok: true, seq: facts.seq, prev: facts.prev, hash: lineHash(bytes), pruned: undefined };
  }
  const line = checkLedgerLine(bytes);
  if (!line.ok) return line;
  const { record } = line;
  if (segmentForTs(record.ts) > segment) return { ok: false, problem: laterThanSegment(record.ts, segment) };
  return { ok: true, seq: record.seq, prev: record.prev, hash: lineHash(bytes), pruned: record.type === 'ledger.pruned' ? record.segments : undefined };
}

export type RangeJob =
  | { kind: 'verify'; dir: string; /** The seq head.json names, if any: the range says that record's hash. */ anchorSeq: number | null }
  | { kind: 'export'; dir: string; format: 'csv' | 'jsonl'; filter: { from?: string; to?: string; types?: string[]; counter?: string; session?: string } };

/** A range summed up for verify; `clean` only if every line passed and each chains to the one before it within the range. */
export interface VerifiedRange {
  clean: boolean;
  records: number;
  first: { seq: number; prev: string } | null;
  last: { seq: number; hash: string } | null;
  /** What each ledger.pruned record in the range says it removed. */
  pruned: unknown[];
  anchorHash: string | null;
}

export interface ExportedRange {
  /** The range's rows, UTF-8. */
  bytes: Uint8Array;
  records: number;
  /** The first line that is not a ledger record: everything before it is in `bytes`. */
  problem: { offset: number; message: string } | null;
}

export function verifyRange(job: Extract<RangeJob, { kind: 'verify' }>, range: LineRange): VerifiedRange {
  const { lines, torn } = readRangeLines(job.dir, range);
  const summary: VerifiedRange = { clean: !torn, records: 0, first: null, last: null, pruned: [], anchorHash: null };
  const count = torn ? lines.length - 1 : lines.length;
  for (let i = 0; i < count && summary.clean; i++) {
    const line = checkSegmentLine(lines[i]!, range.segment);
    if (!line.ok) {
      summary.clean = false;
      break;
    }
    const { seq, prev, hash, pruned } = line;
    if (summary.last === null) summary.first = { seq, prev };
    else if (seq !== summary.last.seq + 1 || prev !== summary.last.hash) summary.clean = false;
    if (pruned !== undefined) summary.pruned.push(pruned);
    if (seq === job.anchorSeq) summary.anchorHash = hash;
    summary.last = { seq, hash };
    summary.records += 1;
  }
  return summary;
}

/**
 * This thread's buffer for the rows of one range: each row is written into it as UTF-8 as soon
 * as it is formatted, so no range-long string is built (it would outlive the young generation).
 */
let rowBuffer = Buffer.allocUnsafe(1 << 20);

export function exportRange(job: Extract<RangeJob, { kind: 'export' }>, range: LineRange): ExportedRange {
  const { lines, offsets, torn } = readRangeLines(job.dir, range);
  const filter: RecordFilter = {
    ...job.filter,
    from: job.filter.from === undefined ? undefined : new Date(job.filter.from),
    to: job.filter.to === undefined ? undefined : new Date(job.filter.to),
  };
  const filtered = hasFilter(filter);
  // JSONL is the stored lines as they are: the range's own bytes, from the first to the last line kept.
  const keepsBytes = job.format === 'jsonl' && !filtered;
  let used = 0;
  let records = 0;
  let problem: ExportedRange['problem'] = null;
  // A torn last line is the segment's in-flight end: left out, as the sequential export does.
  const count = torn ? lines.length - 1 : lines.length;
  for (let i = 0; i < count; i++) {
    // The stored lines as they are need only know each is a record: the one pass over its text, no JSON.parse.
    if (keepsBytes && soundLineFacts(lines[i]!) !== null) {
      records += 1;
      continue;
    }
    const check = checkLedgerLine(lines[i]!);
    if (!check.ok) {
      problem = { offset: offsets[i]!, message: check.problem };
      break;
    }
    if (filtered && !matchesFilter(check.record, filter)) continue;
    records += 1;
    if (keepsBytes) continue;
    const row = exportRow(check.record, check.text, job.format);
    // At most three bytes of UTF-8 for each UTF-16 code unit.
    if (rowBuffer.length - used < row.length * 3) {
      const larger = Buffer.allocUnsafe(Math.max(rowBuffer.length * 2, used + row.length * 3));
      rowBuffer.copy(larger, 0, 0, used);
      rowBuffer = larger;
    }
    used += rowBuffer.write(row, used);
  }
  // Copies of their own, so that handing them to the caller's thread moves no memory this thread still uses.
  if (!keepsBytes) return { bytes: new Uint8Array(rowBuffer.subarray(0, used)), records, problem };
  if (records === 0) return { bytes: new Uint8Array(0), records, problem };
  const first = lines[0]!;
  const last = lines[records - 1]!;
  return { bytes: new Uint8Array(first.buffer.slice(first.byteOffset, last.byteOffset + last.length + 1)), records, problem };
}

/** One range's job, on the calling thread (it blocks it for as long as the range takes: a millisecond or so). */
export function runRangeJob(job: RangeJob, range: LineRange): VerifiedRange | ExportedRange {
  return job.kind === 'verify' ? verifyRange(job, range) : exportRange(job, range);
}
