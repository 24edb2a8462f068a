// Reads a segment as raw lines: hashes must be taken over the bytes on disk, not over
// text that went through a UTF-8 decode and back.
import { readFile } from 'node:fs/promises';
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
