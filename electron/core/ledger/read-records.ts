// Records after a given seq, read from the segment files; used when a client resumes
// from further back than the ledger keeps in memory.
import { open } from 'node:fs/promises';
import type { LedgerRecord } from '../../shared/events.js';
import { checkLedgerLine } from './record-line.js';
import { listSegments, segmentPath } from './segment-files.js';
import { readSegmentLines, streamSegmentLines } from './segment-lines.js';

/** The first record of a segment, reading only as far as its first `\n`; null if it has none. */
async function firstRecord(dir: string, segment: string): Promise<LedgerRecord | null> {
  const handle = await open(segmentPath(dir, segment), 'r');
  try {
    const chunks: Buffer[] = [];
    for (;;) {
      const { bytesRead, buffer } = await handle.read({ buffer: Buffer.alloc(4096) });
      if (bytesRead === 0) return null;
      const chunk = buffer.subarray(0, bytesRead);
      const end = chunk.indexOf(0x0a);
      if (end !== -1) {
        chunks.push(chunk.subarray(0, end));
        const check = checkLedgerLine(Buffer.concat(chunks));
        return check.ok ? check.record : null;
      }
      chunks.push(chunk);
    }
  } finally {
    await handle.close();
  }
}

/** Retention may delete a listed segment while it is being read: its records are gone by design. */
async function unlessPruned<T>(read: () => Promise<T>, gone: T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return gone;
    throw error;
  }
}

/** Records with `after < seq <= upTo`, in order, at most `limit` of them. */
export async function readRecordsAfter(
  dir: string,
  after: number,
  options: { upTo: number; limit?: number },
): Promise<LedgerRecord[]> {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const segments = await listSegments(dir);
  // Segments hold ascending seq ranges: start from the newest one that begins at or before after + 1.
  let start = 0;
  for (let i = segments.length - 1; i > 0; i -= 1) {
    const segment = segments[i]!;
    const first = await unlessPruned(() => firstRecord(dir, segment), null);
    if (first && first.seq <= after + 1) {
      start = i;
      break;
    }
  }
  const records: LedgerRecord[] = [];
  for (const segment of segments.slice(start)) {
    // A piece of the segment at a time, so a resume from far back does not hold a whole month.
    const pieces = streamSegmentLines(dir, segment);
    try {
      for await (const lines of pieces) {
        for (const entry of lines) {
          if (!entry.complete) break;
          const check = checkLedgerLine(entry.bytes);
          if (!check.ok) throw new Error(`ledger ${segment} line ${entry.line}: ${check.problem}`);
          const { seq } = check.record;
          if (seq > options.upTo) return records;
          if (seq <= after) continue;
          records.push(check.record);
          if (records.length >= limit) return records;
        }
      }
    } catch (error) {
      // Retention may delete a listed segment while it is being read: its records are gone by design.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return records;
}

/** The newest well-formed record, passing over a torn tail; null for an empty ledger. */
export async function readLastRecord(dir: string): Promise<LedgerRecord | null> {
  const segments = await listSegments(dir);
  for (let i = segments.length - 1; i >= 0; i -= 1) {
    const lines = await readSegmentLines(dir, segments[i]!);
    for (let j = lines.length - 1; j >= 0; j -= 1) {
      const entry = lines[j]!;
      const check = entry.complete ? checkLedgerLine(entry.bytes) : null;
      if (check?.ok) return check.record;
    }
  }
  return null;
}
