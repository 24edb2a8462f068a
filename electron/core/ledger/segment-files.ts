// Where the ledger's segments live and how they are named: `YYYY-MM.jsonl`, by the UTC
// month of their events, so that file-name order is chronological order.
import { open, readdir } from 'node:fs/promises';
import path from 'node:path';

const SEGMENT_NAME = /^(\d{4})-(\d{2})\.jsonl$/;

/** The segment an event with this RFC 3339 UTC `ts` belongs to, e.g. `2026-11.jsonl`. */
export function segmentForTs(ts: string): string {
  return `${ts.slice(0, 7)}.jsonl`;
}

export function isSegmentName(name: string): boolean {
  return SEGMENT_NAME.test(name);
}

/** The first instant after the segment's month: no event in it is this late or later. */
export function segmentEnd(name: string): Date {
  const match = SEGMENT_NAME.exec(name);
  if (!match) throw new Error(`not a ledger segment name: ${name}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]), 1));
}

/** Segment files in chronological order; quarantined `.torn-*` files and the lock are not segments. */
export async function listSegments(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && isSegmentName(entry.name))
    .map((entry) => entry.name)
    .sort();
}

/** Makes a created, renamed or deleted file name durable; Windows cannot open a folder for this. */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function segmentPath(dir: string, segment: string): string {
  return path.join(dir, segment);
}
