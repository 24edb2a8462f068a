// On open: finds the last good record, and moves a torn or garbled tail (power cut
// mid-write) aside into `<segment>.torn-<timestamp>` so that the chain can continue.
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LedgerRecord } from '../../shared/events.js';
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

export async function recoverTornTail(dir: string, now: () => Date): Promise<TailState> {
  const segments = await listSegments(dir);
  let quarantine: Quarantine | null = null;
  let tailChecked = false;
  for (let i = segments.length - 1; i >= 0; i -= 1) {
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
        const torn = content.subarray(goodLength);
        const file = await writeQuarantine(dir, segment, torn, now());
        await truncateSegment(dir, segment, goodLength);
        await syncDirectory(dir);
        quarantine = { segment, quarantinedBytes: torn.length, file };
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
    return { head: { record: check.record, hash: lineHash(last.bytes), segment }, quarantine };
  }
  return { head: null, quarantine };
}
