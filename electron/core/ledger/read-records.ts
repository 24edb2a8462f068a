// Records after a given seq, read from the segment files; used when a client resumes, or an
// endpoint (the hub, a webhook) catches up, from further back than the ledger keeps in memory.
import { open } from 'node:fs/promises';
import type { LedgerRecord } from '../../shared/events.js';
import { checkLedgerLine } from './record-line.js';
import { listSegments, segmentPath } from './segment-files.js';
import { readSegmentLines, streamSegmentLines, type LineStart } from './segment-lines.js';

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

/** Where the record after a given seq starts on disk: its segment, byte offset and line number. */
export interface ReadPosition extends LineStart {
  segment: string;
}

/** How many readers' places are kept (the hub, each webhook endpoint, a few resuming staff clients). */
const KEPT_POSITIONS = 16;

/**
 * Where recent reads stopped, by the last seq they returned. A reader going through the ledger
 * from far back (an endpoint catching up) asks next for the records after the last one it was
 * given: from here that read starts where the one before stopped, not at the segment's start,
 * so catching up with n records reads the segment once instead of n / limit times.
 */
export class ReadPositions {
  readonly #byAfter = new Map<number, ReadPosition>();

  get(after: number): ReadPosition | undefined {
    return this.#byAfter.get(after);
  }

  set(after: number, position: ReadPosition): void {
    this.#byAfter.delete(after);
    this.#byAfter.set(after, position);
    if (this.#byAfter.size > KEPT_POSITIONS) this.#byAfter.delete(this.#byAfter.keys().next().value!);
  }
}

/** Records with `after < seq <= upTo`, in order, at most `limit` of them. */
export async function readRecordsAfter(
  dir: string,
  after: number,
  options: { upTo: number; limit?: number; positions?: ReadPositions },
): Promise<LedgerRecord[]> {
  const segments = await listSegments(dir);
  const hint = options.positions?.get(after);
  const at = hint === undefined ? -1 : segments.indexOf(hint.segment);
  if (hint !== undefined && at !== -1) {
    const read = await readFrom(dir, segments.slice(at), hint, after, options);
    // A place that does not hold the next record (it never should) is passed over for a full search.
    if (read !== null) return read;
  }
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
  return (await readFrom(dir, segments.slice(start), null, after, options))!;
}

/**
 * The records after `after` from these segments, the first from `from` if given; null when
 * `from` is given and the first line there is not the record `after + 1`.
 */
async function readFrom(
  dir: string,
  segments: string[],
  from: LineStart | null,
  after: number,
  options: { upTo: number; limit?: number; positions?: ReadPositions },
): Promise<LedgerRecord[] | null> {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const records: LedgerRecord[] = [];
  const stop = (segment: string, next: LineStart): LedgerRecord[] => {
    options.positions?.set(records.at(-1)?.seq ?? after, { segment, ...next });
    return records;
  };
  let checked = from === null;
  for (const [index, segment] of segments.entries()) {
    // A piece of the segment at a time, so a resume from far back does not hold a whole month.
    const pieces = streamSegmentLines(dir, segment, index === 0 && from !== null ? from : undefined);
    try {
      for await (const lines of pieces) {
        for (const entry of lines) {
          if (!entry.complete) break;
          const check = checkLedgerLine(entry.bytes);
          // What a kept place points at is checked like the record after `after` must be.
          if (!check.ok && !checked) return null;
          if (!check.ok) throw new Error(`ledger ${segment} line ${entry.line}: ${check.problem}`);
          const { seq } = check.record;
          if (!checked) {
            if (seq !== after + 1) return null;
            checked = true;
          }
          if (seq > options.upTo) return stop(segment, { offset: entry.offset, line: entry.line });
          if (seq <= after) continue;
          records.push(check.record);
          if (records.length >= limit) return stop(segment, { offset: entry.offset + entry.bytes.length + 1, line: entry.line + 1 });
        }
      }
    } catch (error) {
      // Retention may delete a listed segment while it is being read: its records are gone by design.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return checked ? records : null;
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
