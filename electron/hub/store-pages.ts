// Reads the kiosks' stored records in seq order a page at a time (keyset paging), so that
// verify and export over millions of records keep a flat, small memory.
import type { Pool } from 'pg';

export interface StoredRow {
  seq: number;
  hash: string;
  line: string;
}

/** Some of one kiosk's records, in seq order; `end` on its last page (empty only for a kiosk with none). */
export interface KioskPage {
  kioskId: string;
  rows: StoredRow[];
  end: boolean;
}

/**
 * Verify's page. The page read ahead arrives while this one is checked, and both outlive
 * young-generation collections, so the peak memory goes with the page: 2000 keeps it near
 * the bare loop's, and with the next page always asked for ahead the round trips cost nothing.
 */
export const PAGE = 2000;

export interface PageChoice {
  fromTs?: string | undefined;
  toTs?: string | undefined;
  /** Rows a page (PAGE unless given). */
  pageSize?: number;
}

/**
 * Every record of the kiosks, kiosk by kiosk, a page at a time. The next page — of this
 * kiosk, or the next kiosk's first — is asked for as soon as this one arrives, so the
 * database and the caller's work overlap; at most that one page is read ahead.
 */
export async function* fleetPages(
  pool: Pool,
  kiosks: readonly string[],
  choice: PageChoice = {},
): AsyncGenerator<KioskPage> {
  const size = choice.pageSize ?? PAGE;
  // One row more than a page says whether the kiosk goes on, so the page after its last is
  // the next kiosk's first, not an empty one that holds up the read-ahead.
  const page = async (index: number, after: number): Promise<{ index: number; rows: StoredRow[] }> => {
    const { rows } = await pool.query<StoredRow>(
      `SELECT seq::float8 AS seq, hash, line FROM records
        WHERE kiosk_id = $1 AND seq > $2 AND ($4::timestamptz IS NULL OR ts >= $4) AND ($5::timestamptz IS NULL OR ts < $5)
        ORDER BY seq LIMIT $3`,
      [kiosks[index], after, size + 1, choice.fromTs ?? null, choice.toTs ?? null],
    );
    return { index, rows };
  };
  const ahead = (index: number, after: number) => {
    const asked = page(index, after);
    // It fails when awaited; until then, a failure must not count as unhandled.
    asked.catch(() => undefined);
    return asked;
  };
  let next = kiosks.length > 0 ? ahead(0, 0) : null;
  try {
    while (next !== null) {
      const { index, rows } = await next;
      const more = rows.length > size;
      if (more) rows.pop();
      const last = rows.at(-1);
      next = more && last !== undefined ? ahead(index, last.seq) : index + 1 < kiosks.length ? ahead(index + 1, 0) : null;
      // A page, not a row, per step: a promise per record costs more than the record's own checks.
      yield { kioskId: kiosks[index]!, rows, end: !more };
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
