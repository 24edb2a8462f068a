// Retention: whole segments whose newest event is older than retentionDays are deleted,
// and a ledger.pruned record keeps their seq range and last hash so the chain still verifies.
import { stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { EventPayload } from '../../shared/events.js';
import { noticeArchiveDir, pruneNoticeArchive } from '../notice/notice-archive.js';
import type { ConsentLedger } from './consent-ledger.js';
import type { ClockState } from './ledger-clock.js';
import { checkLedgerLine, lineHash } from './record-line.js';
import { listSegments, segmentEnd, segmentPath, syncDirectory } from './segment-files.js';
import { readSegmentLines } from './segment-lines.js';

export type PrunedSegment = EventPayload<'ledger.pruned'>['segments'][number];

const DAY_MS = 24 * 60 * 60 * 1000;

/** What a whole segment holds, or null if it holds no record; throws on a damaged one. */
async function summarise(dir: string, segment: string): Promise<{ entry: PrunedSegment; newestTs: string } | null> {
  const lines = await readSegmentLines(dir, segment);
  let first: number | null = null;
  let newestTs = '';
  let last: { seq: number; hash: string } | null = null;
  for (const entry of lines) {
    const check = entry.complete ? checkLedgerLine(entry.bytes) : { ok: false as const, problem: 'incomplete line' };
    if (!check.ok) {
      // Deleting a damaged segment would destroy the evidence of the damage.
      throw new Error(`Not pruning: ${segment} line ${entry.line}: ${check.problem}; run \`kokuchi ledger verify\``);
    }
    first ??= check.record.seq;
    if (check.record.ts > newestTs) newestTs = check.record.ts;
    last = { seq: check.record.seq, hash: lineHash(entry.bytes) };
  }
  if (first === null || last === null) return null;
  return { entry: { segment, firstSeq: first, lastSeq: last.seq, lastHash: last.hash }, newestTs };
}

/** Why a clock is not to be trusted for deleting (ledger.md), or null when it is. */
export function untrustedClock(now: Date, newestTs: string | null, clock: ClockState): string | null {
  if (!clock.trusted) {
    return `the system clock jumped by ${formatOffset(clock.offsetMs)} at ${clock.lastJumpAt ?? 'start'} and has not come back`;
  }
  if (newestTs === null) return null;
  const gap = now.getTime() - Date.parse(newestTs);
  if (Math.abs(gap) <= DAY_MS) return null;
  return `the system clock (${now.toISOString()}) is ${formatOffset(Math.abs(gap))} ${gap > 0 ? 'ahead of' : 'behind'} the ledger's newest record (${newestTs})`;
}

function formatOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  return abs >= DAY_MS ? `${sign}${(abs / DAY_MS).toFixed(1)} days` : `${sign}${Math.round(abs / 1000)} s`;
}

/**
 * Deletes the oldest segments whose newest event is older than `retentionDays` before `now`,
 * never the segment that holds the newest record, and records them in a ledger.pruned event.
 * Returns what was removed (empty when nothing was old enough).
 */
export async function pruneLedger(
  ledger: ConsentLedger,
  options: { retentionDays: number; now?: Date; newestTs?: string | null },
): Promise<PrunedSegment[]> {
  z.number().int().nonnegative().parse(options.retentionDays);
  const now = options.now ?? ledger.now();
  // A clock not to be trusted deletes nothing: it could delete what the true time would keep.
  const distrust = untrustedClock(now, options.newestTs === undefined ? ledger.newestTs : options.newestTs, ledger.clock);
  if (distrust !== null) throw new Error(`Not pruning: ${distrust}; nothing was deleted`);
  const cutoff = new Date(now.getTime() - options.retentionDays * DAY_MS);
  const segments = await listSegments(ledger.dir);
  const removed: PrunedSegment[] = [];
  const emptyFiles: string[] = [];
  let newestNonEmpty = segments.length - 1;
  while (newestNonEmpty >= 0 && (await stat(segmentPath(ledger.dir, segments[newestNonEmpty]!))).size === 0) {
    newestNonEmpty -= 1;
  }
  // Only a run of oldest segments goes, so what remains is one unbroken chain.
  for (const segment of segments.slice(0, Math.max(newestNonEmpty, 0))) {
    if (segmentEnd(segment) > cutoff) break;
    const summary = await summarise(ledger.dir, segment);
    if (summary === null) {
      emptyFiles.push(segment);
      continue;
    }
    if (summary.newestTs >= cutoff.toISOString()) break;
    removed.push(summary.entry);
  }
  // Recorded before deleting: a crash in between leaves extra files, never an unexplained gap.
  if (removed.length > 0) await ledger.append('ledger.pruned', null, { segments: removed });
  for (const segment of [...removed.map((entry) => entry.segment), ...emptyFiles]) {
    await unlink(segmentPath(ledger.dir, segment));
  }
  if (removed.length + emptyFiles.length > 0) await syncDirectory(ledger.dir);
  const lastRemoved = removed[removed.length - 1];
  if (lastRemoved) ledger.forgetThrough(lastRemoved.lastSeq);
  if (removed.length > 0) {
    // A text goes only when no retained record names it (ledger.md, Notice archive).
    await pruneNoticeArchive(noticeArchiveDir(path.dirname(ledger.dir)), await namedNoticeVersions(ledger.dir), {
      now,
      graceMs: DAY_MS,
    });
  }
  return removed;
}

/** Every noticeVersion a record still in the ledger names. */
export async function namedNoticeVersions(dir: string): Promise<Set<string>> {
  const named = new Set<string>();
  for (const segment of await listSegments(dir)) {
    for (const entry of await readSegmentLines(dir, segment)) {
      if (!entry.complete) continue;
      const check = checkLedgerLine(entry.bytes);
      // An unreadable line might name a text: keep them all rather than guess.
      if (!check.ok) throw new Error(`Not pruning the notice archive: ${segment} line ${entry.line}: ${check.problem}`);
      const version = check.record.noticeVersion;
      if (typeof version === 'string') named.add(version);
    }
  }
  return named;
}
