// Group commit for ingests: whatever arrives while one transaction is being written goes
// into the next, one INSERT per table for the lot. An ingest is answered only after its
// transaction has committed; if it fails, every ingest in it fails and the kiosks retry.
import type { Pool } from 'pg';
import { inTransaction } from './transaction.js';

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
  | { kind: 'record'; record: StoredRecord }
  | { kind: 'aside'; aside: SetAside; counterId: string }
  | { kind: 'seen'; kioskId: string; counterId: string };

interface Pending {
  op: WriteOp;
  resolve: () => void;
  reject: (error: Error) => void;
}

export class RecordWriter {
  private queue: Pending[] = [];
  private flushing = false;

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
    const records: StoredRecord[] = [];
    const asides: SetAside[] = [];
    for (const op of ops) {
      if (op.kind === 'record') {
        records.push(op.record);
        kiosks.set(op.record.kioskId, op.record.counterId);
      } else if (op.kind === 'aside') {
        asides.push(op.aside);
        kiosks.set(op.aside.kioskId, op.counterId);
      } else {
        kiosks.set(op.kioskId, op.counterId);
      }
    }
    await inTransaction(this.pool, async (client) => {
      await client.query(
        `INSERT INTO kiosks (kiosk_id, counter_id, last_seen_at) SELECT k, c, $3 FROM unnest($1::text[], $2::text[]) AS t(k, c)
         ON CONFLICT (kiosk_id) DO UPDATE SET counter_id = EXCLUDED.counter_id, last_seen_at = EXCLUDED.last_seen_at`,
        [[...kiosks.keys()], [...kiosks.values()], seenAt],
      );
      if (records.length > 0) {
        const column = <K extends keyof StoredRecord>(key: K) => records.map((record) => record[key]);
        await client.query(
          `INSERT INTO records (kiosk_id, seq, id, ts, type, counter_id, session_id, language, notice_version, prev, hash, line, received_at)
           SELECT *, $13::timestamptz FROM unnest($1::text[], $2::bigint[], $3::text[], $4::timestamptz[], $5::text[], $6::text[],
                                    $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
           ON CONFLICT (kiosk_id, seq) DO NOTHING`,
          [
            column('kioskId'), column('seq'), column('id'), column('ts'), column('type'), column('counterId'), column('sessionId'),
            column('language'), column('noticeVersion'), column('prev'), column('hash'), column('line'), seenAt,
          ],
        );
      }
      if (asides.length > 0) {
        const column = <K extends keyof SetAside>(key: K) => asides.map((aside) => aside[key]);
        await client.query(
          `INSERT INTO set_aside (kiosk_id, seq, problem, detail, hash, line, received_at)
           SELECT *, $7::timestamptz FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[])
           ON CONFLICT (kiosk_id, seq, hash) DO NOTHING`,
          [column('kioskId'), column('seq'), column('problem'), column('detail'), column('hash'), column('line'), seenAt],
        );
      }
    });
  }
}
