// Reads a kiosk's stored records in seq order a page at a time (keyset paging), so that
// verify and export over millions of records keep a flat, small memory.
import type { Pool } from 'pg';

export interface StoredRow {
  seq: number;
  hash: string;
  line: string;
}

const PAGE = 5000;

/** The next page is asked for as soon as this one arrives, so the database and the caller's checks overlap. */
export async function* storedRows(pool: Pool, kioskId: string, range: { fromTs?: string; toTs?: string } = {}): AsyncGenerator<StoredRow> {
  const page = async (after: number): Promise<StoredRow[]> =>
    (
      await pool.query<StoredRow>(
        `SELECT seq::float8 AS seq, hash, line FROM records
          WHERE kiosk_id = $1 AND seq > $2 AND ($4::timestamptz IS NULL OR ts >= $4) AND ($5::timestamptz IS NULL OR ts < $5)
          ORDER BY seq LIMIT $3`,
        [kioskId, after, PAGE, range.fromTs ?? null, range.toTs ?? null],
      )
    ).rows;
  let next: Promise<StoredRow[]> | null = page(0);
  try {
    while (next !== null) {
      const rows: StoredRow[] = await next;
      const last = rows.at(-1);
      next = rows.length < PAGE || last === undefined ? null : page(last.seq);
      yield* rows;
    }
  } finally {
    // A caller that stops early leaves no query running behind it.
    await next?.catch(() => undefined);
  }
}

export async function kioskIds(pool: Pool, only?: string): Promise<string[]> {
  const { rows } = await pool.query<{ kiosk_id: string }>(
    'SELECT kiosk_id FROM kiosks WHERE $1::text IS NULL OR kiosk_id = $1 ORDER BY kiosk_id',
    [only ?? null],
  );
  return rows.map((row) => row.kiosk_id);
}
