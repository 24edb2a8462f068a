// Bare `COPY` for the hub benchmark: the floor of what the database alone takes, and the
// fast way to load a million records before timing verify and export. The rows are the
// records table's columns in COPY's text format, made from the exact lines.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { lineHash } from '../electron/core/ledger/record-line.js';

export const COPY_COLUMNS = 'kiosk_id, seq, id, ts, type, counter_id, session_id, language, notice_version, prev, hash, line, received_at';

/** COPY text format: backslash, tab and line ends escaped, \N for null. */
const cell = (value: unknown): string =>
  value === null || value === undefined
    ? '\\N'
    : String(value).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');

/** One records row for one exact ledger line. */
export function copyRow(line: string, receivedAt: string): string {
  const record = JSON.parse(line) as Record<string, unknown>;
  return `${[
    record.kioskId, record.seq, record.id, record.ts, record.type, record.counterId, record.sessionId ?? null,
    record.language ?? null, record.noticeVersion ?? null, record.prev, lineHash(line), line, receivedAt,
  ].map(cell).join('\t')}\n`;
}

/** COPY the rows into `table` over a `pg` connection (PostgreSQL server). */
export async function copyIntoServer(pool: Pool, table: string, rows: Iterable<string>): Promise<void> {
  const client = await pool.connect();
  try {
    await pipeline(Readable.from(chunks(rows)), client.query(copyFrom(`COPY ${table} (${COPY_COLUMNS}) FROM STDIN`)));
  } finally {
    client.release();
  }
}

/**
 * COPY the rows into `table` in PGlite itself (`COPY … FROM '/dev/blob'`): PGlite's socket
 * server loses protocol sync on `COPY FROM STDIN`, so the embedded floor is COPY in-process.
 */
export async function copyIntoPglite(db: PGlite, table: string, rows: Iterable<string>, perCopy = 100_000): Promise<void> {
  let batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await db.query(`COPY ${table} (${COPY_COLUMNS}) FROM '/dev/blob'`, [], { blob: new Blob(batch) });
    batch = [];
  };
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= perCopy) await flush();
  }
  await flush();
}

function* chunks(rows: Iterable<string>): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk += row;
    if (chunk.length >= 256 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
