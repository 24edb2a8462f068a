// A ledger cut into byte ranges of whole lines, so that its lines can be worked on a range at a
// time, each range on its own (a worker thread of the parallel verify and export). A range owns
// the lines that start inside it: a line begun before it is the range before's, and a line that
// runs past its end is read on to its newline.
import { closeSync, openSync, readSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { segmentPath } from './segment-files.js';

export interface LineRange {
  /** Place in the ledger's order, from 0. */
  index: number;
  segment: string;
  /** Byte offsets within the segment: the range owns the lines whose first byte is in [start, end). */
  start: number;
  end: number;
}

/** The ranges covering `segments` in order, none longer than `rangeBytes`; with the ledger's total size. */
export async function planLineRanges(dir: string, segments: readonly string[], rangeBytes: number): Promise<{ ranges: LineRange[]; bytes: number }> {
  const ranges: LineRange[] = [];
  let bytes = 0;
  for (const segment of segments) {
    const { size } = await stat(segmentPath(dir, segment));
    bytes += size;
    for (let start = 0; start < size; start += rangeBytes) {
      ranges.push({ index: ranges.length, segment, start, end: Math.min(size, start + rangeBytes) });
    }
  }
  return { ranges, bytes };
}

export interface RangeLines {
  /** Each line without its `\n`. */
  lines: Buffer[];
  /** Byte offset in the segment of each line's first byte. */
  offsets: number[];
  /** The last line has no `\n` after it (the segment's end: a torn or in-flight write). */
  torn: boolean;
}

/** How far past a range's end is read with it, and then at a time, to finish its last line (lines are far shorter). */
const TAIL_PIECE = 16 * 1024;

/**
 * Reads the lines a range owns. Synchronously: it runs on a thread of its own (or the command's,
 * between worker messages), where waiting on the thread pool for each read would leave the core
 * idle for as long as the read takes from the page cache (a quarter of a verify's time, measured).
 */
export function readRangeLines(dir: string, range: LineRange): RangeLines {
  const fd = openSync(segmentPath(dir, range.segment), 'r');
  try {
    // One byte before the start says whether a line begins exactly at the start; the tail piece
    // after the end most often holds the rest of the range's last line.
    const from = range.start === 0 ? 0 : range.start - 1;
    const head = Buffer.allocUnsafe(range.end - from + TAIL_PIECE);
    const bytesRead = readSync(fd, head, 0, head.length, from);
    let data = head.subarray(0, bytesRead);
    const ownEnd = range.end - from;
    if (bytesRead === head.length && data.indexOf(0x0a, ownEnd - 1) === -1) {
      const pieces = [data];
      for (let position = from + bytesRead; ; ) {
        const piece = Buffer.allocUnsafe(TAIL_PIECE);
        const read = readSync(fd, piece, 0, TAIL_PIECE, position);
        if (read === 0) break;
        const newline = piece.subarray(0, read).indexOf(0x0a);
        pieces.push(piece.subarray(0, newline === -1 ? read : newline + 1));
        if (newline !== -1) break;
        position += read;
      }
      data = Buffer.concat(pieces);
    }
    let at = 0;
    if (range.start > 0) {
      const newline = data.indexOf(0x0a);
      at = newline === -1 ? data.length : newline + 1;
    }
    const result: RangeLines = { lines: [], offsets: [], torn: false };
    while (at < data.length && from + at < range.end) {
      const newline = data.indexOf(0x0a, at);
      result.lines.push(data.subarray(at, newline === -1 ? data.length : newline));
      result.offsets.push(from + at);
      if (newline === -1) {
        result.torn = true;
        break;
      }
      at = newline + 1;
    }
    return result;
  } finally {
    closeSync(fd);
  }
}

/** The 1-based line number of the line starting at `offset` in a segment (for a problem found in a range). */
export async function lineNumberAt(dir: string, segment: string, offset: number): Promise<number> {
  const handle = await open(segmentPath(dir, segment), 'r');
  try {
    let line = 1;
    const piece = Buffer.allocUnsafe(1 << 20);
    for (let position = 0; position < offset; ) {
      const { bytesRead } = await handle.read(piece, 0, Math.min(piece.length, offset - position), position);
      if (bytesRead === 0) break;
      for (let at = piece.indexOf(0x0a); at !== -1 && at < bytesRead; at = piece.indexOf(0x0a, at + 1)) line += 1;
      position += bytesRead;
    }
    return line;
  } finally {
    await handle.close();
  }
}
