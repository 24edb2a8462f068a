// `POST /v1/ingest`: one signed ledger line from one kiosk. Forged lines (no secret, a
// wrong one, another kiosk's) are refused before anything is written; a genuine line is
// stored if it continues the kiosk's chain, acknowledged if it is a repeat, and otherwise
// set aside as `diverged` or `gap` — never over the copy the hub already holds.
import type { Pool } from 'pg';
import { checkLedgerLine, lineHash } from '../core/ledger/record-line.js';
import type { LedgerRecord } from '../shared/events.js';
import { bindEnrolment, readEnrolments, rotateEnrolment, type Enrolment } from './enrolments.js';
import { readSignedHeaders, signedWith, type SignedHeaders } from './ingest-signature.js';
import { emptyChain, placeArrival, prunedExplains, type KioskChain } from './kiosk-chain.js';
import { RecordWriter, type StoredRecord } from './record-writer.js';
import { loadChains } from './chain-load.js';

export type IngestOutcome = 'stored' | 'repeat' | 'diverged' | 'gap' | 'bad-signature' | 'malformed' | 'unavailable';

export interface IngestAnswer {
  status: number;
  outcome: IngestOutcome;
  body: { status?: string; code?: string; message?: string; seq?: number };
}

export interface IngestEvents {
  /** A record joined a kiosk's chain; `lagMs` is from its ts to now. */
  stored(chain: KioskChain, lagMs: number): void;
  answered(outcome: IngestOutcome): void;
}

function refuse(status: number, outcome: IngestOutcome, message: string): IngestAnswer {
  return { status, outcome, body: { code: outcome, message } };
}

const field = (record: LedgerRecord, key: string): string | null => {
  const value = (record as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : null;
};

export class Ingest {
  private enrolments: Enrolment[] = [];
  /** The bound enrolments by kiosk id, made again after the enrolments change (one lookup a request, however many kiosks). */
  private byKiosk: Map<string, Enrolment> | null = null;
  /** Ingests of one kiosk run one after another: each is placed against the one before. */
  private readonly turns = new Map<string, Promise<unknown>>();
  private readonly writer: RecordWriter;

  private constructor(
    private readonly pool: Pool,
    readonly chains: Map<string, KioskChain>,
    private readonly events: IngestEvents,
    private readonly now: () => Date,
  ) {
    // The chains change only after a commit, so a failed one leaves them as the store is.
    this.writer = new RecordWriter(pool, now);
  }

  static async open(pool: Pool, events: IngestEvents, now: () => Date = () => new Date()): Promise<Ingest> {
    const ingest = new Ingest(pool, await loadChains(pool), events, now);
    ingest.enrolments = await readEnrolments(pool);
    return ingest;
  }

  async handle(headers: Record<string, string | string[] | undefined>, body: Buffer): Promise<IngestAnswer> {
    const answer = await this.answer(headers, body).catch(
      (error: Error): IngestAnswer => refuse(503, 'unavailable', `the hub could not store the record (${error.message}); send it again`),
    );
    this.events.answered(answer.outcome);
    return answer;
  }

  /** Runs `task` between this kiosk's ingests (the hub's retention changes where its chain starts). */
  exclusive<T>(kioskId: string, task: () => Promise<T>): Promise<T> {
    return this.inTurn(kioskId, task);
  }

  /** Everything accepted so far is written. */
  idle(): Promise<void> {
    return this.writer.idle();
  }

  private async answer(headers: Record<string, string | string[] | undefined>, body: Buffer): Promise<IngestAnswer> {
    const signed = readSignedHeaders(headers, Math.floor(this.now().getTime() / 1000));
    if (!signed.ok) return refuse(401, 'bad-signature', signed.problem);
    const check = checkLedgerLine(body);
    if (!check.ok) return refuse(400, 'malformed', `the body is not a ledger line: ${check.problem}`);
    const record = check.record;
    if (signed.headers['webhook-id'] !== record.id) {
      return refuse(400, 'malformed', 'webhook-id must be the record\'s id');
    }
    const line = check.text;
    const secretProblem = await this.authenticate(record, signed.headers, line);
    if (secretProblem !== null) return refuse(401, 'bad-signature', secretProblem);
    return this.inTurn(record.kioskId, () => this.place(record, line, lineHash(body)));
  }

  /** null when the line is signed with the secret bound to its kiosk (binding a fresh one on first use). */
  private async authenticate(record: LedgerRecord, headers: SignedHeaders, line: string): Promise<string | null> {
    for (let round = 0; round < 2; round += 1) {
      const own = this.ownEnrolment(record.kioskId);
      if (own) {
        if (signedWith(own.secret, headers, line)) return null;
        // Its counter enrolled again: the new secret takes over and the old one stops working.
        const rotated = this.enrolments.find(
          (e) => e.kioskId === null && e.counterId === record.counterId && signedWith(e.secret, headers, line),
        );
        if (rotated && (await rotateEnrolment(this.pool, rotated.id, own.id, record.kioskId))) {
          rotated.kioskId = record.kioskId;
          this.enrolments = this.enrolments.filter((e) => e !== own);
          this.byKiosk = null;
          return null;
        }
        const other = this.otherKiosk(headers, line, record.kioskId);
        if (other) return other;
        if (round === 0) {
          // A secret enrolled since the hub last looked (`hub enroll` from another process) may be a rotation.
          this.enrolments = await readEnrolments(this.pool);
          this.byKiosk = null;
          continue;
        }
        return `the signature does not match the secret enrolled for kiosk ${record.kioskId}`;
      }
      const fresh = this.enrolments.find((enrolment) => enrolment.kioskId === null && signedWith(enrolment.secret, headers, line));
      if (fresh) {
        if (fresh.counterId !== record.counterId) {
          return `the secret was enrolled for counter ${fresh.counterId}, but the record is from counter ${record.counterId}`;
        }
        if (await bindEnrolment(this.pool, fresh.id, record.kioskId)) {
          fresh.kioskId = record.kioskId;
          this.byKiosk = null;
          return null;
        }
      }
      const other = this.otherKiosk(headers, line, record.kioskId);
      if (other) return other;
      // Enrolled since the hub last looked (`hub enroll` from another process): read them again once.
      this.enrolments = await readEnrolments(this.pool);
      this.byKiosk = null;
    }
    return 'no enrolled secret signs this record: run `kokuchi hub enroll --counter ID` and put the secret in the kiosk\'s hub.secret';
  }

  private ownEnrolment(kioskId: string): Enrolment | undefined {
    if (this.byKiosk === null) {
      this.byKiosk = new Map();
      // The first in id order, as a search of the list would find.
      for (const enrolment of this.enrolments) {
        if (enrolment.kioskId !== null && !this.byKiosk.has(enrolment.kioskId)) this.byKiosk.set(enrolment.kioskId, enrolment);
      }
    }
    return this.byKiosk.get(kioskId);
  }

  private otherKiosk(headers: SignedHeaders, line: string, kioskId: string): string | null {
    const other = this.enrolments.find((e) => e.kioskId !== null && e.kioskId !== kioskId && signedWith(e.secret, headers, line));
    return other ? `signed with the secret of another kiosk (${other.kioskId}); each kiosk needs its own enrolment` : null;
  }

  private inTurn<T>(kioskId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.turns.get(kioskId) ?? Promise.resolve();
    const next = previous.then(task, task);
    const settled = next.catch(() => undefined);
    this.turns.set(kioskId, settled);
    void settled.then(() => {
      if (this.turns.get(kioskId) === settled) this.turns.delete(kioskId);
    });
    return next;
  }

  private async place(record: LedgerRecord, line: string, hash: string): Promise<IngestAnswer> {
    const chain = this.chains.get(record.kioskId) ?? emptyChain(record.kioskId, record.counterId);
    let placement = placeArrival(chain, { seq: record.seq, prev: record.prev, hash });
    if (placement.kind === 'compare') {
      const stored = await this.pool.query<{ hash: string }>('SELECT hash FROM records WHERE kiosk_id = $1 AND seq = $2', [
        record.kioskId, record.seq,
      ]);
      placement = stored.rows[0]?.hash === hash
        ? { kind: 'repeat' }
        : { kind: 'aside', problem: 'diverged', detail: `a different record for seq ${record.seq}, which the hub holds` };
    }
    if (placement.kind === 'repeat') {
      await this.writer.write({ kind: 'seen', kioskId: record.kioskId, counterId: record.counterId });
      chain.lastSeenAt = this.now();
      return { status: 200, outcome: 'repeat', body: { status: 'repeat', seq: record.seq } };
    }
    if (placement.kind === 'aside') {
      const { problem, detail } = placement;
      await this.writer.write({
        kind: 'aside',
        aside: { kioskId: record.kioskId, seq: record.seq, problem, detail, hash, line },
        counterId: record.counterId,
      });
      chain.aside.set(`${record.seq}:${hash}`, problem);
      chain.lastSeenAt = this.now();
      this.chains.set(record.kioskId, chain);
      return refuse(409, problem, `${detail}; the record is kept aside for an operator and the hub's copy is unchanged`);
    }
    await this.writer.write({ kind: 'record', record: storedRecord(record, line, hash), appended: placement.kind === 'append' });
    this.extend(chain, record, hash, placement.kind);
    this.chains.set(record.kioskId, chain);
    this.events.stored(chain, this.now().getTime() - Date.parse(record.ts));
    return { status: 200, outcome: 'stored', body: { status: 'stored', seq: record.seq } };
  }

  private extend(chain: KioskChain, record: LedgerRecord, hash: string, at: 'append' | 'prepend'): void {
    if (at === 'prepend' || chain.lastSeq === 0) {
      chain.firstSeq = record.seq;
      chain.firstPrev = record.prev;
      chain.startExplained = record.seq === 1;
    }
    if (at === 'append') {
      chain.lastSeq = record.seq;
      chain.lastHash = hash;
      chain.lastTs = record.ts;
      chain.counterId = record.counterId;
    }
    if (record.type === 'kiosk.started') chain.version = field(record, 'version');
    if (record.type === 'ledger.pruned' && prunedExplains(record.segments, chain)) chain.startExplained = true;
    chain.lastSeenAt = this.now();
  }
}

function storedRecord(record: LedgerRecord, line: string, hash: string): StoredRecord {
  return {
    kioskId: record.kioskId, seq: record.seq, id: record.id, ts: record.ts, type: record.type, counterId: record.counterId,
    sessionId: record.sessionId, language: field(record, 'language'), noticeVersion: field(record, 'noticeVersion'),
    prev: record.prev, hash, line,
  };
}
