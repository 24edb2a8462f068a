// The hub's retention (`retentionDays` in its configuration): the oldest records of each
// kiosk's chain go once they are older than that — only a run from the chain's start, never
// the newest record, never part of a session that is still kept — and each removal is a
// `hub_prunes` row naming the last removed seq and hash, so verify starts from it. A removed
// `kiosk.key` record is kept whole in `kept_keys` (receipts may still need its key), and a
// notice text goes only when no kept record names it.
import type { Pool, PoolClient } from 'pg';
import type { Ingest } from './ingest.js';
import { inTransaction } from './transaction.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface HubPrune {
  kioskId: string;
  firstSeq: number;
  lastSeq: number;
  records: number;
}

export interface HubPruneResult {
  /** Why nothing was deleted, when the clock is not to be trusted. */
  skipped: string | null;
  pruned: HubPrune[];
  notices: number;
}

/** Why the hub's clock is not to be trusted for deleting, or null (the kiosk's rule, ledger.md, as far as a hub can tell). */
async function untrustedClock(pool: Pool, now: Date): Promise<string | null> {
  const { rows } = await pool.query<{ db_now: Date; newest: Date | null }>('SELECT now() AS db_now, max(ts) AS newest FROM records');
  const row = rows[0];
  if (!row) return null;
  if (Math.abs(row.db_now.getTime() - now.getTime()) > DAY_MS) {
    return `the hub's clock (${now.toISOString()}) and the database's (${row.db_now.toISOString()}) differ by more than a day`;
  }
  if (row.newest && row.newest.getTime() - now.getTime() > DAY_MS) {
    return `the hub's clock (${now.toISOString()}) is more than a day behind the newest stored record (${row.newest.toISOString()})`;
  }
  return null;
}

/** The last seq that may go: all before it older than the cutoff, no kept session cut in two, the newest record kept. */
async function cutPoint(pool: Pool, kioskId: string, cutoff: Date): Promise<number | null> {
  const ends = await pool.query<{ first: number | null; last: number | null; young: number | null }>(
    `SELECT min(seq)::float8 AS first, max(seq)::float8 AS last,
            (SELECT min(seq)::float8 FROM records WHERE kiosk_id = $1 AND ts >= $2) AS young
       FROM records WHERE kiosk_id = $1`,
    [kioskId, cutoff],
  );
  const { first, last, young } = ends.rows[0] ?? { first: null, last: null, young: null };
  if (first === null || last === null) return null;
  let cut = Math.min(young === null ? last : young, last) - 1;
  // A session with records on both sides of the cut keeps all of them: move the cut before it, until none straddles.
  for (let round = 0; round < 1000 && cut >= first; round += 1) {
    const straddling = await pool.query<{ start: number | null }>(
      `SELECT min(seq)::float8 AS start FROM records
        WHERE kiosk_id = $1 AND seq <= $2 AND session_id IN (SELECT session_id FROM records WHERE kiosk_id = $1 AND seq > $2 AND session_id IS NOT NULL)`,
      [kioskId, cut],
    );
    const start = straddling.rows[0]?.start ?? null;
    if (start === null) break;
    cut = start - 1;
  }
  return cut >= first ? cut : null;
}

async function removeRun(client: PoolClient, kioskId: string, cut: number, retentionDays: number): Promise<HubPrune & { lastHash: string }> {
  await client.query("SET LOCAL kokuchi.retention = 'on'");
  await client.query(
    `INSERT INTO kept_keys (kiosk_id, seq, line) SELECT kiosk_id, seq, line FROM records
      WHERE kiosk_id = $1 AND seq <= $2 AND type = 'kiosk.key' ON CONFLICT DO NOTHING`,
    [kioskId, cut],
  );
  const last = await client.query<{ hash: string }>('SELECT hash FROM records WHERE kiosk_id = $1 AND seq = $2', [kioskId, cut]);
  const lastHash = last.rows[0]?.hash;
  if (lastHash === undefined) throw new Error(`hub retention: kiosk ${kioskId} has no stored seq ${cut}`);
  const removed = await client.query<{ first: number; records: number }>(
    `WITH gone AS (DELETE FROM records WHERE kiosk_id = $1 AND seq <= $2 RETURNING seq)
     SELECT min(seq)::float8 AS first, count(*)::float8 AS records FROM gone`,
    [kioskId, cut],
  );
  const { first, records } = removed.rows[0] ?? { first: cut, records: 0 };
  await client.query(
    'INSERT INTO hub_prunes (kiosk_id, first_seq, last_seq, last_hash, records, retention_days) VALUES ($1, $2, $3, $4, $5, $6)',
    [kioskId, first, cut, lastHash, records, retentionDays],
  );
  return { kioskId, firstSeq: first, lastSeq: cut, records, lastHash };
}

/** One retention run over every kiosk; each kiosk's removal is one transaction, taken in that kiosk's ingest turn. */
export async function pruneHub(pool: Pool, ingest: Ingest, options: { retentionDays: number; now: Date }): Promise<HubPruneResult> {
  const skipped = await untrustedClock(pool, options.now);
  if (skipped !== null) return { skipped, pruned: [], notices: 0 };
  const cutoff = new Date(options.now.getTime() - options.retentionDays * DAY_MS);
  const pruned: HubPrune[] = [];
  for (const kioskId of [...ingest.chains.keys()].sort()) {
    const prune = await ingest.exclusive(kioskId, async () => {
      const cut = await cutPoint(pool, kioskId, cutoff);
      if (cut === null) return null;
      const done = await inTransaction(pool, (client) => removeRun(client, kioskId, cut, options.retentionDays));
      const chain = ingest.chains.get(kioskId);
      if (chain) {
        chain.firstSeq = cut + 1;
        chain.firstPrev = done.lastHash;
        chain.startExplained = true;
      }
      return done;
    });
    if (prune) pruned.push({ kioskId: prune.kioskId, firstSeq: prune.firstSeq, lastSeq: prune.lastSeq, records: prune.records });
  }
  // A text goes only when no kept record names it, and not in its first day (it is sent just before the record naming it).
  const notices = await inTransaction(pool, async (client) => {
    await client.query("SET LOCAL kokuchi.retention = 'on'");
    const gone = await client.query(
      `DELETE FROM notices n WHERE n.received_at < $1
         AND NOT EXISTS (SELECT 1 FROM records r WHERE r.notice_version = n.version)`,
      [new Date(options.now.getTime() - DAY_MS)],
    );
    return gone.rowCount ?? 0;
  });
  return { skipped: null, pruned, notices };
}
