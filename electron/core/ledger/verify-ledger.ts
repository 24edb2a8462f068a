// Checks the whole ledger as an auditor would: every line a well-formed record, seq
// without gaps, and each prev the hash of the line before it, across all segments.
import { HEAD_FILE, readHeadAnchor, type HeadAnchor } from './head-anchor.js';
import { planLineRanges } from './line-ranges.js';
import { checkSegmentLine, type VerifiedRange } from './range-jobs.js';
import { PARALLEL_DEFAULTS, RangeWorkers, type ParallelOptions } from './range-workers.js';
import { GENESIS_PREV, checkLedgerLine } from './record-line.js';
import { listSegments } from './segment-files.js';
import { streamSegmentLines, type SegmentLine } from './segment-lines.js';

export type VerifyResult =
  | { ok: true; events: number; lastSeq: number; head: string }
  | { ok: false; segment: string; line: number; problem: string };

interface LedgerLine extends SegmentLine {
  segment: string;
}

/** The ledger's lines in order, a piece at a time (memory stays flat whatever the ledger's size). */
async function* ledgerLineBatches(dir: string, segments: string[]): AsyncGenerator<LedgerLine[]> {
  for (const segment of segments) {
    for await (const lines of streamSegmentLines(dir, segment)) {
      yield lines.map((entry) => ({ segment, line: entry.line, bytes: entry.bytes, complete: entry.complete }));
    }
  }
}

function broken(at: LedgerLine, problem: string): VerifyResult {
  return { ok: false, segment: at.segment, line: at.line, problem };
}

/** Whether a ledger.pruned record's `segments` removed the seqs just before `start`, with `start.prev` as their last hash. */
function accountsFor(segments: unknown, start: { seq: number; prev: string }): boolean {
  if (!Array.isArray(segments)) return false;
  return segments.some(
    (removed: { lastSeq?: unknown; lastHash?: unknown }) =>
      removed.lastSeq === start.seq - 1 && removed.lastHash === start.prev,
  );
}

/**
 * The whole ledger checked range by range on worker threads, each range's own lines and chain
 * there and the seams between ranges here. Says only "whole" (a VerifyResult) or null: where
 * anything is wrong, or no worker can run, the sequential verify below finds it and says
 * exactly where, so a report is the same whichever way the ledger was read.
 */
async function verifyInParallel(dir: string, segments: string[], anchor: HeadAnchor | null, options: ParallelOptions): Promise<VerifyResult | null> {
  const { minBytes, rangeBytes, threads } = { ...PARALLEL_DEFAULTS, ...options };
  const { ranges, bytes } = await planLineRanges(dir, segments, rangeBytes);
  if (bytes < minBytes || ranges.length < 2) return null;
  const workers = await RangeWorkers.start({ kind: 'verify', dir, anchorSeq: anchor?.seq ?? null }, Math.min(threads, ranges.length));
  if (workers === null) return null;
  let first: VerifiedRange['first'] = null;
  let last: VerifiedRange['last'] = null;
  let events = 0;
  let anchorHash: string | null = null;
  const pruned: unknown[] = [];
  try {
    for await (const range of workers.results<VerifiedRange>(ranges)) {
      if (!range.clean) return null;
      if (range.first === null) continue;
      if (last === null) first = range.first;
      else if (range.first.seq !== last.seq + 1 || range.first.prev !== last.hash) return null;
      last = range.last;
      events += range.records;
      pruned.push(...range.pruned);
      anchorHash ??= range.anchorHash;
    }
  } catch {
    // A worker that failed (out of memory, say): the sequential verify reads the ledger again.
    return null;
  }
  if (first !== null) {
    const start = first;
    if (start.seq === 1 ? start.prev !== GENESIS_PREV : !pruned.some((removed) => accountsFor(removed, start))) return null;
  }
  if (anchor && (anchor.seq > (last?.seq ?? 0) || (anchorHash !== null && anchorHash !== anchor.hash))) return null;
  return { ok: true, events, lastSeq: last?.seq ?? 0, head: last?.hash ?? GENESIS_PREV };
}

/**
 * Verifies the whole ledger; with `throughSeq` (a running kiosk's durable head), stops after
 * that record, so an append in flight behind it is not mistaken for a torn line. A whole
 * ledger, large enough to be worth it, is first read on worker threads (`parallel` tunes that).
 */
export async function verifyLedger(
  dir: string,
  options: { throughSeq?: number; parallel?: ParallelOptions } = {},
): Promise<VerifyResult> {
  let segments: string[];
  try {
    segments = await listSegments(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`There is no ledger at ${dir}.`);
    throw error;
  }
  const anchor = await readHeadAnchor(dir);
  if (typeof anchor === 'string') return { ok: false, segment: HEAD_FILE, line: 1, problem: anchor };
  if (options.throughSeq === undefined) {
    const whole = await verifyInParallel(dir, segments, anchor, options.parallel ?? {});
    if (whole !== null) return whole;
  }
  const state: {
    previous: { entry: LedgerLine; seq: number; hash: string } | null;
    // A ledger whose first record is not seq 1 is whole only if a later ledger.pruned record says why.
    unexplainedStart: { entry: LedgerLine; seq: number; prev: string } | null;
    events: number;
  } = { previous: null, unexplainedStart: null, events: 0 };
  /** Checks one line, knowing the one after it (null: none); a VerifyResult if it is broken. */
  const check = (entry: LedgerLine, next: LedgerLine | null): VerifyResult | null => {
    if (!entry.complete) {
      // Only the newest segment's end is written to; a cut anywhere else is lost data, not a torn write.
      if (next !== null) return broken(entry, 'incomplete line (no newline) before later records: the segment was cut short');
      return broken(entry, 'incomplete last line (no newline): a torn write, which opening the ledger quarantines');
    }
    const line = checkSegmentLine(entry.bytes, entry.segment);
    if (!line.ok) return broken(entry, line.problem);
    const { seq, prev, hash, pruned } = line;
    if (state.previous === null) {
      if (seq === 1 && prev !== GENESIS_PREV) return broken(entry, 'seq 1 must have a prev of 64 zeros');
      if (seq !== 1) state.unexplainedStart = { entry, seq, prev };
    } else if (seq !== state.previous.seq + 1) {
      const gap = seq - state.previous.seq - 1;
      return broken(
        entry,
        gap > 0
          ? `seq ${seq} follows seq ${state.previous.seq}: ${gap} record(s) missing`
          : `seq ${seq} follows seq ${state.previous.seq}: out of order or repeated`,
      );
    } else if (prev !== state.previous.hash) {
      // If the next line still chains to this one, this line is intact and the one before was altered;
      // with no next line, a changed record is far likelier than a changed 64-digit prev.
      if (next === null) {
        return broken(state.previous.entry, `the record was altered, or the prev of the next record (${entry.segment} line ${entry.line}) was`);
      }
      const after = next.complete ? checkLedgerLine(next.bytes) : null;
      if (after?.ok && after.record.prev === hash) {
        return broken(state.previous.entry, 'the record was altered: its hash no longer matches the prev of the next record');
      }
      return broken(entry, 'the record was altered: its prev does not match the hash of the record before it');
    }
    if (state.unexplainedStart && pruned !== undefined && accountsFor(pruned, state.unexplainedStart)) {
      state.unexplainedStart = null;
    }
    if (anchor && seq === anchor.seq && hash !== anchor.hash) {
      return broken(entry, `the record was altered: its hash differs from the one kept in ${HEAD_FILE}`);
    }
    state.previous = { entry, seq, hash };
    state.events += 1;
    return null;
  };
  const through = options.throughSeq;
  const done = (): boolean => through !== undefined && (state.previous?.seq ?? 0) >= through;
  // Each line is checked once the one after it is read (or known not to exist).
  let held: LedgerLine | null = null;
  let stopped = false;
  scan: for await (const lines of ledgerLineBatches(dir, segments)) {
    for (const entry of lines) {
      if (held !== null) {
        if (done()) {
          stopped = true;
          break scan;
        }
        const result = check(held, entry);
        if (result) return result;
      }
      held = entry;
    }
  }
  if (held !== null && !stopped && !done()) {
    const result = check(held, null);
    if (result) return result;
  }
  const { previous, unexplainedStart, events } = state;
  if (anchor && anchor.seq > (previous?.seq ?? 0) && options.throughSeq === undefined) {
    const last = previous ? `seq ${previous.seq}` : 'no record';
    return { ok: false, segment: previous?.entry.segment ?? HEAD_FILE, line: previous?.entry.line ?? 0, problem: `records are missing: the ledger ends at ${last} but ${HEAD_FILE} says seq ${anchor.seq}` };
  }
  if (unexplainedStart) {
    return broken(
      unexplainedStart.entry,
      `the ledger starts at seq ${unexplainedStart.seq}, but no ledger.pruned record accounts for the records before it`,
    );
  }
  return { ok: true, events, lastSeq: previous?.seq ?? 0, head: previous?.hash ?? GENESIS_PREV };
}
