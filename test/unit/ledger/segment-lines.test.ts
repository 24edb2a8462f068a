// Streaming a segment in pieces must give the same lines as reading it whole, wherever the
// piece boundaries fall: inside a line, on a newline, inside a line longer than a piece.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitLines, streamSegmentLines, type LineStart, type SegmentLine, type StreamedLine } from '../../../electron/core/ledger/segment-lines.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kokuchi-lines-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function streamed(segment: string, from?: LineStart): Promise<StreamedLine[]> {
  const all: StreamedLine[] = [];
  for await (const lines of streamSegmentLines(dir, segment, from)) all.push(...lines);
  return all;
}

/** A segment of lines of these lengths, each of one letter (the i-th from `firstLetter` on), then an unfinished `tail`. */
const linesFile = (lengths: number[], firstLetter: number, tail: string) =>
  Buffer.from(lengths.map((length, i) => `${String.fromCharCode(97 + ((i + firstLetter) % 26)).repeat(length)}\n`).join('') + tail, 'latin1');

const plain = (lines: SegmentLine[]) => lines.map(({ line, bytes, complete }) => ({ line, text: bytes.toString('latin1'), complete }));

describe('streamSegmentLines', () => {
  it('gives the lines splitLines gives, for files of a few MiB with lines of every length and any ending', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.nat({ max: 400 }), fc.nat({ max: 1_500_000 })), { minLength: 0, maxLength: 12 }),
        fc.boolean(),
        fc.nat(),
        async (lengths, torn, salt) => {
          const content = linesFile(lengths, salt, torn ? 'x'.repeat(salt % 2_000_000) : '');
          await writeFile(path.join(dir, '2026-11.jsonl'), content);
          expect(plain(await streamed('2026-11.jsonl'))).toEqual(plain(splitLines(content)));
        },
      ),
      { numRuns: 25, seed: 12 },
    );
  });

  it('reads a segment of exactly one piece, and an empty one', async () => {
    for (const content of [Buffer.alloc(0), Buffer.from(`${'a'.repeat((1 << 20) - 1)}\n`), Buffer.from(`${'a'.repeat(1 << 20)}\nb`)]) {
      await writeFile(path.join(dir, '2026-12.jsonl'), content);
      expect(plain(await streamed('2026-12.jsonl'))).toEqual(plain(splitLines(content)));
    }
  });

  it('says where each line starts, and reads on from any line start with the same lines and numbers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.nat({ max: 300 }), fc.nat({ max: 300_000 })), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        fc.nat(),
        async (lengths, torn, pick) => {
          const content = linesFile(lengths, 0, torn ? 'tail' : '');
          await writeFile(path.join(dir, '2026-10.jsonl'), content);
          const all = await streamed('2026-10.jsonl');
          for (const entry of all) expect(content.subarray(entry.offset, entry.offset + entry.bytes.length).equals(entry.bytes)).toBe(true);
          const start = all[pick % all.length]!;
          const rest = await streamed('2026-10.jsonl', { offset: start.offset, line: start.line });
          expect(rest.map(({ line, offset, complete }) => ({ line, offset, complete }))).toEqual(
            all.slice(pick % all.length).map(({ line, offset, complete }) => ({ line, offset, complete })),
          );
        },
      ),
      { numRuns: 25, seed: 7 },
    );
  });
});
