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

/** How much of a segment is read at once when streaming it. */
const READ_CHUNK = 1 << 20;

/**
 * The segment's lines a piece at a time (about 1 MiB of lines per array), so that memory stays
 * the same whatever the segment's size. Lines are numbered and marked as `splitLines` does.
 * The next piece is read while the caller works on this one, so the disk and the checks overlap.
 */
export async function* streamSegmentLines(dir: string, segment: string): AsyncGenerator<SegmentLine[]> {
  const handle = await open(segmentPath(dir, segment), 'r');
  let position = 0;
  const readPiece = async (): Promise<Buffer> => {
    const buffer = Buffer.allocUnsafe(READ_CHUNK);
    const { bytesRead } = await handle.read(buffer, 0, READ_CHUNK, position);
    position += bytesRead;
    return buffer.subarray(0, bytesRead);
  };
  let next: Promise<Buffer> | null = null;
  try {
    let carry: Buffer = Buffer.alloc(0);
    let line = 0;
    next = readPiece();
    for (;;) {
      const piece: Buffer = await next;
      next = null;
      if (piece.length === 0) {
        if (carry.length > 0) yield [{ line: line + 1, bytes: carry, complete: false }];
        return;
      }
      next = readPiece();
      // A line longer than a piece keeps growing the carry until its newline is read.
      const data = carry.length > 0 ? Buffer.concat([carry, piece]) : piece;
      const lines: SegmentLine[] = [];
      let start = 0;
      for (let end = data.indexOf(0x0a); end !== -1; end = data.indexOf(0x0a, start)) {
        line += 1;
        lines.push({ line, bytes: data.subarray(start, end), complete: true });
        start = end + 1;
      }
      carry = data.subarray(start);
      if (lines.length > 0) yield lines;
    }
  } finally {
    // A read still in flight finishes before the handle closes (its result is not wanted).
    await next?.catch(() => undefined);
    await handle.close();
  }
}
