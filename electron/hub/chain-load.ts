// Reads every kiosk's chain back from the store at start (also after a kill mid-ingest):
// the run's ends, what was set aside, and whether a pruned record explains the start.
import type { Pool } from 'pg';
import { emptyChain, prunedExplains, type KioskChain } from './kiosk-chain.js';

interface ChainRow {
  kiosk_id: string;
  counter_id: string;
  last_seen_at: Date;
  first_seq: number | null;
  last_seq: number | null;
}

export async function loadChains(pool: Pool): Promise<Map<string, KioskChain>> {
  const chains = new Map<string, KioskChain>();
  const { rows } = await pool.query<ChainRow>(
    `SELECT k.kiosk_id, k.counter_id, k.last_seen_at,
            (SELECT min(seq)::float8 FROM records r WHERE r.kiosk_id = k.kiosk_id) AS first_seq,
            (SELECT max(seq)::float8 FROM records r WHERE r.kiosk_id = k.kiosk_id) AS last_seq
       FROM kiosks k`,
  );
  for (const row of rows) {
    const chain = emptyChain(row.kiosk_id, row.counter_id);
    chain.lastSeenAt = row.last_seen_at;
    chains.set(row.kiosk_id, chain);
    if (row.first_seq === null || row.last_seq === null) continue;
    const ends = await pool.query<{ seq: number; prev: string; hash: string; ts: string; counter_id: string; received_at: Date }>(
      `SELECT seq::float8 AS seq, prev, hash, line::json->>'ts' AS ts, counter_id, received_at FROM records
        WHERE kiosk_id = $1 AND seq IN ($2, $3)`,
      [row.kiosk_id, row.first_seq, row.last_seq],
    );
    const first = ends.rows.find((end) => end.seq === row.first_seq);
    const last = ends.rows.find((end) => end.seq === row.last_seq);
    if (!first || !last) continue;
    Object.assign(chain, {
      firstSeq: first.seq, lastSeq: last.seq, firstPrev: first.prev, lastHash: last.hash, lastTs: last.ts, counterId: last.counter_id,
    });
    // Records appended at the end of the run do not rewrite the kiosk's row (record-writer.ts): the last one's arrival may be later.
    if (chain.lastSeenAt === null || last.received_at > chain.lastSeenAt) chain.lastSeenAt = last.received_at;
    chain.startExplained = chain.firstSeq === 1 || (await startExplained(pool, chain));
    const version = await pool.query<{ version: string }>(
      `SELECT line::json->>'version' AS version FROM records WHERE kiosk_id = $1 AND type = 'kiosk.started' ORDER BY seq DESC LIMIT 1`,
      [row.kiosk_id],
    );
    chain.version = version.rows[0]?.version ?? null;
  }
  const aside = await pool.query<{ kiosk_id: string; seq: number; hash: string; problem: 'diverged' | 'gap' }>(
    'SELECT kiosk_id, seq::float8 AS seq, hash, problem FROM set_aside',
  );
  for (const row of aside.rows) chains.get(row.kiosk_id)?.aside.set(`${row.seq}:${row.hash}`, row.problem);
  return chains;
}

async function startExplained(pool: Pool, chain: KioskChain): Promise<boolean> {
  const byHub = await pool.query('SELECT 1 FROM hub_prunes WHERE kiosk_id = $1 AND last_seq = $2 AND last_hash = $3 LIMIT 1', [
    chain.kioskId, chain.firstSeq - 1, chain.firstPrev,
  ]);
  if (byHub.rowCount) return true;
  const pruned = await pool.query<{ segments: unknown }>(
    `SELECT line::json->'segments' AS segments FROM records WHERE kiosk_id = $1 AND type = 'ledger.pruned'`,
    [chain.kioskId],
  );
  return pruned.rows.some((row) => prunedExplains(row.segments, chain));
}
