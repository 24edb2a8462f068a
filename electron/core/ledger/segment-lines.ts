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
 */
export async function* streamSegmentLines(dir: string, segment: string): AsyncGenerator<SegmentLine[]> {
  const handle = await open(segmentPath(dir, segment), 'r');
  try {
    let carry: Buffer = Buffer.alloc(0);
    let line = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(carry.length + READ_CHUNK);
      carry.copy(buffer, 0);
      const { bytesRead } = await handle.read(buffer, carry.length, READ_CHUNK, null);
      const data = buffer.subarray(0, carry.length + bytesRead);
      if (bytesRead === 0) {
        if (data.length > 0) yield [{ line: line + 1, bytes: data, complete: false }];
        return;
      }
      const lines: SegmentLine[] = [];
      let start = 0;
      for (let end = data.indexOf(0x0a); end !== -1; end = data.indexOf(0x0a, start)) {
        line += 1;
        lines.push({ line, bytes: data.subarray(start, end), complete: true });
        start = end + 1;
      }
      // A line longer than a chunk keeps growing the carry until its newline is read.
      carry = data.subarray(start);
      if (lines.length > 0) yield lines;
    }
  } finally {
    await handle.close();
  }
}
