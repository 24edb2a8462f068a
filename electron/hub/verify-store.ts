// `kokuchi hub verify`: every kiosk's chain as the store holds it, rechecked from the
// lines themselves — each a well-formed record of that kiosk, the stored hash its hash,
// seq without holes, prev the hash of the line before, a start at 1 or one a pruned record
// explains — plus every record kept aside. One problem per line.
import type { Pool } from 'pg';
import { GENESIS_PREV, checkLedgerText, lineHash } from '../core/ledger/record-line.js';
import { prunedExplains } from './kiosk-chain.js';
import { kioskIds, storedRows } from './store-pages.js';

export interface StoreVerdict {
  kiosks: number;
  events: number;
  problems: string[];
}

async function hubPruned(pool: Pool, kioskId: string, firstSeq: number, firstPrev: string): Promise<boolean> {
  const { rowCount } = await pool.query('SELECT 1 FROM hub_prunes WHERE kiosk_id = $1 AND last_seq = $2 AND last_hash = $3', [
    kioskId, firstSeq - 1, firstPrev,
  ]);
  return (rowCount ?? 0) > 0;
}

async function verifyKiosk(pool: Pool, kioskId: string, problems: string[]): Promise<number> {
  let previous: { seq: number; hash: string } | null = null;
  let start: { seq: number; prev: string } | null = null;
  let explained = false;
  const pruned: unknown[] = [];
  let events = 0;
  for await (const row of storedRows(pool, kioskId)) {
    const where = `kiosk ${kioskId} seq ${row.seq}`;
    const check = checkLedgerText(row.line);
    if (!check.ok) {
      problems.push(`${where}: ${check.problem}`);
      previous = { seq: row.seq, hash: lineHash(row.line) };
      continue;
    }
    const record = check.record;
    const hash = lineHash(row.line);
    if (record.kioskId !== kioskId || record.seq !== row.seq) problems.push(`${where}: the line is kiosk ${record.kioskId} seq ${record.seq}`);
    if (hash !== row.hash) problems.push(`${where}: the line was altered in the store (its hash is not the one stored on arrival)`);
    if (previous === null) {
      start = { seq: record.seq, prev: record.prev };
      if (record.seq === 1) {
        explained = true;
        if (record.prev !== GENESIS_PREV) problems.push(`${where}: seq 1 must have a prev of 64 zeros`);
      }
    } else if (record.seq !== previous.seq + 1) {
      problems.push(`${where}: gap — follows seq ${previous.seq}, ${record.seq - previous.seq - 1} record(s) missing`);
    } else if (record.prev !== previous.hash) {
      problems.push(`${where}: diverged — prev is not the hash of seq ${previous.seq}`);
    }
    if (record.type === 'ledger.pruned') pruned.push(record.segments);
    previous = { seq: record.seq, hash };
    events += 1;
  }
  if (start && !explained) {
    const chain = { firstSeq: start.seq, firstPrev: start.prev };
    explained = pruned.some((segments) => prunedExplains(segments, chain)) || (await hubPruned(pool, kioskId, start.seq, start.prev));
    if (!explained) problems.push(`kiosk ${kioskId} seq ${start.seq}: gap — the stored chain starts here and no ledger.pruned record accounts for the records before it`);
  }
  return events;
}

export async function verifyStore(pool: Pool): Promise<StoreVerdict> {
  const problems: string[] = [];
  const kiosks = await kioskIds(pool);
  let events = 0;
  for (const kioskId of kiosks) events += await verifyKiosk(pool, kioskId, problems);
  const aside = await pool.query<{ kiosk_id: string; seq: number; problem: string; detail: string }>(
    'SELECT kiosk_id, seq::float8 AS seq, problem, detail FROM set_aside ORDER BY kiosk_id, seq, id',
  );
  for (const row of aside.rows) problems.push(`kiosk ${row.kiosk_id} seq ${row.seq}: ${row.problem} — a record kept aside: ${row.detail}`);
  return { kiosks: kiosks.length, events, problems };
}
