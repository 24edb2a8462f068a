// On open: finds the last good record, and moves a torn or garbled tail (power cut
// mid-write) aside into `<segment>.torn-<timestamp>` so that the chain can continue.
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LedgerRecord } from '../../shared/events.js';
import { HEAD_FILE, readHeadAnchor } from './head-anchor.js';
import { checkLedgerLine, lineHash } from './record-line.js';
import { listSegments, segmentPath, syncDirectory } from './segment-files.js';
import { splitLines, type SegmentLine } from './segment-lines.js';

export interface LedgerHead {
  record: LedgerRecord;
  /** Hash of the head's line: the next record's `prev`. */
  hash: string;
  segment: string;
}

export interface Quarantine {
  segment: string;
  quarantinedBytes: number;
  /** The file the bytes were moved to, beside the segment. */
  file: string;
}

export interface TailState {
  head: LedgerHead | null;
  quarantine: Quarantine | null;
}

async function writeQuarantine(dir: string, segment: string, bytes: Buffer, now: Date): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  for (let n = 1; ; n += 1) {
    const name = `${segment}.torn-${stamp}${n === 1 ? '' : `-${n}`}`;
    try {
      const handle = await open(path.join(dir, name), 'wx', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return name;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

async function truncateSegment(dir: string, segment: string, length: number): Promise<void> {
  const handle = await open(segmentPath(dir, segment), 'r+');
  try {
    await handle.truncate(length);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** How many of the lines survive: an incomplete last line goes, then a last line that is not a record. */
function goodLineCount(lines: SegmentLine[]): number {
  let keep = lines.length;
  if (keep > 0 && !lines[keep - 1]!.complete) keep -= 1;
  if (keep > 0 && !checkLedgerLine(lines[keep - 1]!.bytes).ok) keep -= 1;
  return keep;
}

/**
 * A tail cut off at a record head.json says was durable is not a torn write but lost records
 * (or an altered newest one): continuing would write new records over their seqs and hide it.
 */
async function refuseLostRecords(dir: string, head: LedgerHead | null): Promise<void> {
  const anchor = await readHeadAnchor(dir);
  // An unreadable head.json is for `ledger verify` to report; it proves nothing lost.
  if (anchor === null || typeof anchor === 'string') return;
  const seq = head?.record.seq ?? 0;
  const restore = 'run `kokuchi ledger verify` and restore the segments from a backup before writing to it.';
  if (anchor.seq > seq) {
    throw new Error(`The ledger at ${dir} has lost records: it ends at seq ${seq} but ${HEAD_FILE} says seq ${anchor.seq} was written; ${restore}`);
  }
  if (anchor.seq === seq && head && anchor.hash !== head.hash) {
    throw new Error(`The ledger at ${dir} is damaged: its newest record (seq ${seq}) differs from the one kept in ${HEAD_FILE}; ${restore}`);
  }
}

export async function recoverTornTail(dir: string, now: () => Date): Promise<TailState> {
  const segments = await listSegments(dir);
  let cut: { segment: string; torn: Buffer; goodLength: number } | null = null;
  let head: LedgerHead | null = null;
  let tailChecked = false;
  for (let i = segments.length - 1; i >= 0 && head === null; i -= 1) {
    const segment = segments[i]!;
    const content = await readFile(segmentPath(dir, segment));
    let lines = splitLines(content);
    if (lines.length === 0) continue;
    // Only the newest non-empty segment was being written to, so only it can be torn.
    if (!tailChecked) {
      tailChecked = true;
      const keep = goodLineCount(lines);
      if (keep < lines.length) {
        lines = lines.slice(0, keep);
        const goodLength = lines.reduce((sum, entry) => sum + entry.bytes.length + 1, 0);
        cut = { segment, torn: content.subarray(goodLength), goodLength };
        if (lines.length === 0) continue;
      }
    }
    const last = lines[lines.length - 1]!;
    const check = last.complete ? checkLedgerLine(last.bytes) : { ok: false as const, problem: 'incomplete line' };
    if (!check.ok) {
      throw new Error(
        `The ledger at ${dir} is damaged (${segment} line ${last.line}: ${check.problem}); ` +
          'run `kokuchi ledger verify` and restore the segment from a backup before writing to it.',
      );
    }
    head = { record: check.record, hash: lineHash(last.bytes), segment };
  }
  // Checked before anything is moved: a refused ledger is left exactly as it was found.
  await refuseLostRecords(dir, head);
  if (cut === null) return { head, quarantine: null };
  const file = await writeQuarantine(dir, cut.segment, cut.torn, now());
  await truncateSegment(dir, cut.segment, cut.goodLength);
  await syncDirectory(dir);
  return { head, quarantine: { segment: cut.segment, quarantinedBytes: cut.torn.length, file } };
}
