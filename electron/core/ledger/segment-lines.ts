// Reads a segment as raw lines: hashes must be taken over the bytes on disk, not over
// text that went through a UTF-8 decode and back.
import { open, readFile } from 'node:fs/promises';
import { segmentPath } from './segment-files.js';

export interface SegmentLine {
  /** 1-based line number within the segment. */
  line: number;
  bytes: Buffer;
  /** False only for a final line with no `\n` after it (a torn or in-flight write). */
  complete: boolean;
}

export function splitLines(content: Buffer): SegmentLine[] {
  const lines: SegmentLine[] = [];
  let start = 0;
  while (start < content.length) {
    const end = content.indexOf(0x0a, start);
    if (end === -1) {
      lines.push({ line: lines.length + 1, bytes: content.subarray(start), complete: false });
      break;
    }
    lines.push({ line: lines.length + 1, bytes: content.subarray(start, end), complete: true });
    start = end + 1;
  }
  return lines;
}

export async function readSegmentLines(dir: string, segment: string): Promise<SegmentLine[]> {
  return splitLines(await readFile(segmentPath(dir, segment)));
}

/** How much of a segment is read at once when streaming it: the first piece, then up to the most. */
const FIRST_READ_CHUNK = 64 << 10;
const READ_CHUNK = 1 << 20;

/** A line of a streamed segment, with where it starts in the file. */
export interface StreamedLine extends SegmentLine {
  /** Byte offset of the line's first byte in the segment. */
  offset: number;
}

/** Where to start streaming a segment: the start of a line, and that line's number. */
export interface LineStart {
  offset: number;
  line: number;
}

/**
 * The segment's lines a piece at a time (up to about 1 MiB of lines per array), so that memory stays
 * the same whatever the segment's size. Lines are numbered and marked as `splitLines` does.
 * The next piece is read while the caller works on this one, so the disk and the checks overlap.
 * With `from` (the start of a line found in an earlier read), reading starts there.
 */
export async function* streamSegmentLines(dir: string, segment: string, from?: LineStart): AsyncGenerator<StreamedLine[]> {
  const handle = await open(segmentPath(dir, segment), 'r');
  let position = from?.offset ?? 0;
  // A reader wanting a hundred records (an endpoint catching up) needs a few tens of KiB: it
  // should not allocate and read megabytes each time. A whole-segment read soon reaches the most.
  let size = FIRST_READ_CHUNK;
  const readPiece = async (): Promise<Buffer> => {
    const length = size;
    size = Math.min(READ_CHUNK, size * 2);
    const buffer = Buffer.allocUnsafe(length);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    position += bytesRead;
    return buffer.subarray(0, bytesRead);
  };
  let next: Promise<Buffer> | null = null;
  try {
    let carry: Buffer = Buffer.alloc(0);
    /** Where `carry` (then the data it starts) begins in the file. */
    let base = from?.offset ?? 0;
    let line = from ? from.line - 1 : 0;
    next = readPiece();
    for (;;) {
      const piece: Buffer = await next;
      next = null;
      if (piece.length === 0) {
        if (carry.length > 0) yield [{ line: line + 1, bytes: carry, complete: false, offset: base }];
        return;
      }
      next = readPiece();
      // A line longer than a piece keeps growing the carry until its newline is read.
      const data = carry.length > 0 ? Buffer.concat([carry, piece]) : piece;
      const lines: StreamedLine[] = [];
      let start = 0;
      for (let end = data.indexOf(0x0a); end !== -1; end = data.indexOf(0x0a, start)) {
        line += 1;
        lines.push({ line, bytes: data.subarray(start, end), complete: true, offset: base + start });
        start = end + 1;
      }
      carry = data.subarray(start);
      base += start;
      if (lines.length > 0) yield lines;
    }
  } finally {
    // A read still in flight finishes before the handle closes (its result is not wanted).
    await next?.catch(() => undefined);
    await handle.close();
  }
}
