// Group commit for ingests: whatever arrives while one transaction is being written goes
// into the next, one statement for the lot (an INSERT per table in it). An ingest is answered only after its
// transaction has committed; if it fails, every ingest in it fails and the kiosks retry.
// A kiosk's row (its counter, when it was last seen) is written with its records only when it
// says something a record does not: a new kiosk or counter, a repeat, a record set aside or put
// before the run, or a last-seen time older than a minute. Otherwise the record's own
// received_at is when the kiosk was last seen (chain-load.ts reads the later of the two), and
// one kiosk sending one record at a time pays for one INSERT a transaction, not two.
import type { Socket } from 'node:net';
import type { Pool } from 'pg';

export interface StoredRecord {
  kioskId: string;
  seq: number;
  id: string;
  ts: string;
  type: string;
  counterId: string;
  sessionId: string | null;
  language: string | null;
  noticeVersion: string | null;
  prev: string;
  hash: string;
  line: string;
}

export interface SetAside {
  kioskId: string;
  seq: number;
  problem: 'diverged' | 'gap';
  detail: string;
  hash: string;
  line: string;
}

export type WriteOp =
  /** `appended`: the record extends the kiosk's run at its end (its received_at is then the newest). */
  | { kind: 'record'; record: StoredRecord; appended: boolean }
  | { kind: 'aside'; aside: SetAside; counterId: string }
  | { kind: 'seen'; kioskId: string; counterId: string };

interface Pending {
  op: WriteOp;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** How stale a kiosk's stored last_seen_at may get while its appended records say the rest. */
export const SEEN_REFRESH_MS = 60_000;

export class RecordWriter {
  private queue: Pending[] = [];
  private flushing = false;
  /** What each kiosk's row holds as committed: its counter, and the last_seen_at written (ms). */
  private readonly rows = new Map<string, { counterId: string; seenAt: number }>();

  constructor(
    private readonly pool: Pool,
    private readonly now: () => Date = () => new Date(),
  ) {}

  write(op: WriteOp): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ op, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  /** Resolves once everything queued so far is written (or failed). */
  async idle(): Promise<void> {
    for (let round = 0; round < 10_000 && (this.flushing || this.queue.length > 0); round += 1) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0);
      try {
        await this.commit(batch.map((pending) => pending.op));
        for (const pending of batch) pending.resolve();
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        for (const pending of batch) pending.reject(failure);
      }
    }
    this.flushing = false;
  }

  private async commit(ops: WriteOp[]): Promise<void> {
    const seenAt = this.now();
    const kiosks = new Map<string, string>();
    /** Kiosks whose row must be written in this transaction. */
    const rowsDue = new Set<string>();
    const records: StoredRecord[] = [];
    const asides: SetAside[] = [];
    for (const op of ops) {
      const kioskId = op.kind === 'record' ? op.record.kioskId : op.kind === 'aside' ? op.aside.kioskId : op.kioskId;
      const counterId = op.kind === 'record' ? op.record.counterId : op.counterId;
      if (op.kind === 'record') records.push(op.record);
      else if (op.kind === 'aside') asides.push(op.aside);
      kiosks.set(kioskId, counterId);
      const row = this.rows.get(kioskId);
      const toldByRecord = op.kind === 'record' && op.appended && row !== undefined && row.counterId === counterId
        && seenAt.getTime() - row.seenAt < SEEN_REFRESH_MS;
      if (!toldByRecord) rowsDue.add(kioskId);
    }
    for (const kioskId of kiosks.keys()) if (!rowsDue.has(kioskId)) kiosks.delete(kioskId);
    const record = <K extends keyof StoredRecord>(key: K) => records.map((stored) => stored[key]);
    const aside = <K extends keyof SetAside>(key: K) => asides.map((kept) => kept[key]);
    // One statement is one transaction: committed when its answer comes, so one round trip a batch.
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      // pg writes the statement's Bind, Describe, Execute and Sync one socket write each; corked, they leave in one.
      const socket = (client as unknown as { connection?: { stream?: Partial<Pick<Socket, 'cork' | 'uncork'>> } }).connection?.stream;
      socket?.cork?.();
      const recordValues = [
        record('kioskId'), record('seq'), record('id'), record('ts'), record('type'), record('counterId'), record('sessionId'),
        record('language'), record('noticeVersion'), record('prev'), record('hash'), record('line'),
      ];
      // Records alone (the usual batch of a kiosk sending on), the statement has nothing else to plan and run.
      const written = kiosks.size === 0 && asides.length === 0
        ? client.query({ name: `${statementName(client)}-records`, text: RECORDS_SQL, values: [seenAt, ...recordValues] })
        : client.query({
          name: statementName(client),
          text: WRITE_SQL,
          values: [
            [...kiosks.keys()], [...kiosks.values()], seenAt, ...recordValues,
            aside('kioskId'), aside('seq'), aside('problem'), aside('detail'), aside('hash'), aside('line'),
          ],
        });
      socket?.uncork?.();
      await written;
      for (const [kioskId, counterId] of kiosks) this.rows.set(kioskId, { counterId, seenAt: seenAt.getTime() });
    } catch (error) {
      // A connection that failed mid-way is dropped from the pool, not handed to the next caller.
      broken = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

/**
 * The batch statement is parsed once per connection (by name), then only bound and run.
 * Each connection names it its own way: PGlite has one session under all its connections,
 * so a statement prepared by a connection that was dropped is still there for the next.
 */
const statementNames = new WeakMap<object, string>();
let connections = 0;
function statementName(client: object): string {
  let name = statementNames.get(client);
  if (name === undefined) {
    connections += 1;
    name = `hub-ingest-write-${process.pid}-${connections}`;
    statementNames.set(client, name);
  }
  return name;
}
const WRITE_SQL = `
WITH seen AS (
  INSERT INTO kiosks (kiosk_id, counter_id, last_seen_at) SELECT k, c, $3 FROM unnest($1::text[], $2::text[]) AS t(k, c)
  ON CONFLICT (kiosk_id) DO UPDATE SET counter_id = EXCLUDED.counter_id, last_seen_at = EXCLUDED.last_seen_at
  RETURNING 1
), stored AS (
  INSERT INTO records (kiosk_id, seq, id, ts, type, counter_id, session_id, language, notice_version, prev, hash, line, received_at)
  SELECT *, $3::timestamptz FROM unnest($4::text[], $5::bigint[], $6::text[], $7::timestamptz[], $8::text[], $9::text[],
                                        $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])
  ON CONFLICT (kiosk_id, seq) DO NOTHING
  RETURNING 1
), kept AS (
  INSERT INTO set_aside (kiosk_id, seq, problem, detail, hash, line, received_at)
  SELECT *, $3::timestamptz FROM unnest($16::text[], $17::bigint[], $18::text[], $19::text[], $20::text[], $21::text[])
  ON CONFLICT (kiosk_id, seq, hash) DO NOTHING
  RETURNING 1
)
SELECT (SELECT count(*) FROM seen) AS seen, (SELECT count(*) FROM stored) AS stored, (SELECT count(*) FROM kept) AS kept`;
const RECORDS_SQL = `
INSERT INTO records (kiosk_id, seq, id, ts, type, counter_id, session_id, language, notice_version, prev, hash, line, received_at)
SELECT *, $1::timestamptz FROM unnest($2::text[], $3::bigint[], $4::text[], $5::timestamptz[], $6::text[], $7::text[],
                                      $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
ON CONFLICT (kiosk_id, seq) DO NOTHING`;
