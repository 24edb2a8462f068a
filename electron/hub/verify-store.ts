// `kokuchi hub verify`: every kiosk's chain as the store holds it, rechecked from the
// lines themselves — each a well-formed record of that kiosk, the stored hash its hash,
// seq without holes, prev the hash of the line before, a start at 1 or one a pruned record
// explains — plus every record kept aside. One problem per line.
import { setImmediate } from 'node:timers/promises';
import type { Pool } from 'pg';
import { GENESIS_PREV, checkLedgerText, lineHash } from '../core/ledger/record-line.js';
import { prunedExplains } from './kiosk-chain.js';
import { fleetPages, kioskIds, type PageChoice, type StoredRow } from './store-pages.js';

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

/** One kiosk's chain, checked a page of rows at a time, in seq order. */
class ChainCheck {
  events = 0;
  private previousSeq = 0;
  private previousHash: string | null = null;
  private start: { seq: number; prev: string } | null = null;
  private explained = false;
  private readonly pruned: unknown[] = [];

  constructor(
    readonly kioskId: string,
    private readonly problems: string[],
  ) {}

  /** rows[from..to) */
  page(rows: readonly StoredRow[], from: number, to: number): void {
    for (let i = from; i < to; i++) this.row(rows[i]!);
  }

  private row(row: StoredRow): void {
    const check = checkLedgerText(row.line);
    const hash = lineHash(row.line);
    if (!check.ok) {
      this.problems.push(`${this.where(row)}: ${check.problem}`);
      this.previousSeq = row.seq;
      this.previousHash = hash;
      return;
    }
    const record = check.record;
    const kioskId = this.kioskId;
    if (record.kioskId !== kioskId || record.seq !== row.seq) this.problems.push(`${this.where(row)}: the line is kiosk ${record.kioskId} seq ${record.seq}`);
    if (hash !== row.hash) this.problems.push(`${this.where(row)}: the line was altered in the store (its hash is not the one stored on arrival)`);
    if (this.previousHash === null) {
      this.start = { seq: record.seq, prev: record.prev };
      if (record.seq === 1) {
        this.explained = true;
        if (record.prev !== GENESIS_PREV) this.problems.push(`${this.where(row)}: seq 1 must have a prev of 64 zeros`);
      }
    } else if (record.seq !== this.previousSeq + 1) {
      this.problems.push(`${this.where(row)}: gap — follows seq ${this.previousSeq}, ${record.seq - this.previousSeq - 1} record(s) missing`);
    } else if (record.prev !== this.previousHash) {
      this.problems.push(`${this.where(row)}: diverged — prev is not the hash of seq ${this.previousSeq}`);
    }
    if (record.type === 'ledger.pruned') this.pruned.push(record.segments);
    this.previousSeq = record.seq;
    this.previousHash = hash;
    this.events += 1;
  }

  // Only on a problem: the common row builds no text.
  private where(row: StoredRow): string {
    return `kiosk ${this.kioskId} seq ${row.seq}`;
  }

  /** The start of the stored chain: seq 1, or explained by a pruned record (the kiosk's, then the hub's). */
  async finish(pool: Pool): Promise<void> {
    const start = this.start;
    if (!start || this.explained) return;
    const chain = { firstSeq: start.seq, firstPrev: start.prev };
    const explained = this.pruned.some((segments) => prunedExplains(segments, chain)) || (await hubPruned(pool, this.kioskId, start.seq, start.prev));
    if (!explained) {
      this.problems.push(`kiosk ${this.kioskId} seq ${start.seq}: gap — the stored chain starts here and no ledger.pruned record accounts for the records before it`);
    }
  }
}

/** Rows checked between turns of the event loop. */
const SLICE = 500;

export async function verifyStore(pool: Pool, pages: Pick<PageChoice, 'pageSize'> = {}): Promise<StoreVerdict> {
  const problems: string[] = [];
  const kiosks = await kioskIds(pool);
  let events = 0;
  let chain: ChainCheck | null = null;
  for await (const page of fleetPages(pool, kiosks, pages)) {
    chain ??= new ChainCheck(page.kioskId, problems);
    for (let at = 0; at < page.rows.length; at += SLICE) {
      chain.page(page.rows, at, Math.min(at + SLICE, page.rows.length));
      // A turn of the event loop between slices takes in the page read ahead as it arrives,
      // rather than leaving the server waiting on a full socket until this page is checked.
      await setImmediate();
    }
    if (!page.end) continue;
    await chain.finish(pool);
    events += chain.events;
    chain = null;
  }
  const aside = await pool.query<{ kiosk_id: string; seq: number; problem: string; detail: string }>(
    'SELECT kiosk_id, seq::float8 AS seq, problem, detail FROM set_aside ORDER BY kiosk_id, seq, id',
  );
  for (const row of aside.rows) problems.push(`kiosk ${row.kiosk_id} seq ${row.seq}: ${row.problem} — a record kept aside: ${row.detail}`);
  return { kiosks: kiosks.length, events, problems };
}
