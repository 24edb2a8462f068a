// The consent ledger: append-only, one writer, each record durable (write + fdatasync)
// before anyone is told about it. The contract is shared/spec/ledger.md.
import { writeHeadAnchor, type HeadAnchor } from './head-anchor.js';
import { chmod, mkdir } from 'node:fs/promises';
import { z } from 'zod';
import { EVENT_PAYLOADS, type EventPayload, type EventType, type LedgerRecord } from '../../shared/events.js';
import { LedgerClock, stampAfter, type ClockJump, type ClockState } from './ledger-clock.js';
import { acquireLedgerLock, type LedgerLock } from './ledger-lock.js';
import { ReadPositions, readRecordsAfter } from './read-records.js';
import { newRecordId } from './record-id.js';
import { GENESIS_PREV, lineHash, orderRecord } from './record-line.js';
import { segmentForTs } from './segment-files.js';
import type { LedgerFiles } from './ledger-files.js';
import { SegmentWriter } from './segment-writer.js';
import { recoverTornTail, type LedgerHead } from './torn-tail.js';

/**
 * A lagging head.json only covers less, never wrongly: it is written once no record has been
 * written for this long, and never while a batch is being written, so that its write and rename do not
 * share the disk with the fdatasync a tap waits for; but at the latest `ANCHOR_MAX_LAG_MS`
 * after the first record it does not cover yet.
 */
const ANCHOR_QUIET_MS = 100;
const ANCHOR_MAX_LAG_MS = 1000;

export interface ConsentLedgerOptions {
  /** `<dataDir>/ledger`; created 0700 if missing. */
  dir: string;
  kioskId: string;
  counterId: string;
  now?: () => Date;
  /** Milliseconds since boot, counting suspend (`os.uptime()`); tests move it to step the clock. */
  sinceBoot?: () => number;
  /** How often the clock is checked for a jump while nothing is written. */
  clockCheckMs?: number;
  /** How appends reach the disk; the real file system unless a test makes it fail. */
  files?: LedgerFiles;
}

const optionsSchema = z.object({ dir: z.string().min(1), kioskId: z.string().min(1), counterId: z.string().min(1) });

/** One record to write; `appendTogether` takes several. */
export type LedgerEntry = { [T in EventType]: { type: T; sessionId: string | null; payload: EventPayload<T> } }[EventType];

interface PendingAppend {
  type: EventType;
  sessionId: string | null;
  fields: Record<string, unknown>;
  /** Records of one `appendTogether` share a number: written in one batch or not at all. */
  group: number | null;
  /** Set on a `clock.jumped` the ledger writes itself. */
  jump?: { jump: ClockJump; cameBack: boolean };
  resolve(record: LedgerRecord): void;
  reject(error: unknown): void;
}

interface BuiltRecord {
  pending: PendingAppend;
  record: LedgerRecord;
  line: string;
  hash: string;
  /** `record.ts` in epoch ms. */
  ms: number;
}

/** Records kept in memory so that staff clients resuming from a recent seq need no file read. */
const RECENT_RECORDS = 1024;
/** Upper bound on one group commit, so one write stays a modest size. */
const MAX_BATCH = 512;
const CLOCK_CHECK_MS = 60_000;

function freezeDeep<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) freezeDeep(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * Told of each record once it is durable, in seq order; `batchEnds` on the last record of the
 * write it came in (an acknowledgement and its logging.start come in one). `line` is the
 * record's JSON text as written (without `\n`), for a listener that sends it on.
 */
export type AppendListener = (record: LedgerRecord, batchEnds: boolean, line: string) => void;

export class ConsentLedger {
  readonly dir: string;
  readonly #kioskId: string;
  readonly #counterId: string;
  readonly #now: () => Date;
  readonly #clock: LedgerClock;
  readonly #clockTimer: NodeJS.Timeout;
  /** Clock jumps seen but not yet durable: written first in the next batch. */
  #jumps: Array<{ jump: ClockJump; cameBack: boolean }> = [];
  readonly #newestAtOpen: string | null;
  #newestTs: string | null;
  /** `#newestTs` in epoch ms: the floor of the next record's time. */
  #newestMs: number | null;
  readonly #lock: LedgerLock;
  readonly #writer: SegmentWriter;
  #lastSeq: number;
  #headHash: string;
  #headSegment: string | null;
  #queue: PendingAppend[] = [];
  #draining: Promise<void> | null = null;
  #listeners = new Set<AppendListener>();
  #recent: LedgerRecord[] = [];
  /** Where the last reads from disk stopped, so a reader going on from there does not search again. */
  readonly #positions = new ReadPositions();
  #closing: Promise<void> | null = null;
  #nextGroup = 0;
  #anchoring: Promise<void> = Promise.resolve();
  #pendingAnchor: HeadAnchor | null = null;
  #anchorTimer: NodeJS.Timeout | null = null;
  /** `performance.now()` by which the pending anchor is written even if records keep coming. */
  #anchorDue: number | null = null;

  private constructor(
    options: Required<Pick<ConsentLedgerOptions, 'dir' | 'kioskId' | 'counterId' | 'now'>> & ConsentLedgerOptions & { injectedNow: boolean },
    lock: LedgerLock,
    head: LedgerHead | null,
  ) {
    this.dir = options.dir;
    this.#kioskId = options.kioskId;
    this.#counterId = options.counterId;
    this.#now = options.now;
    this.#lock = lock;
    this.#writer = new SegmentWriter(options.dir, options.files);
    this.#lastSeq = head?.record.seq ?? 0;
    this.#headHash = head?.hash ?? GENESIS_PREV;
    this.#headSegment = head?.segment ?? null;
    this.#newestAtOpen = head?.record.ts ?? null;
    this.#newestTs = this.#newestAtOpen;
    this.#newestMs = this.#newestAtOpen === null ? null : Date.parse(this.#newestAtOpen);
    // A test's injected clock without a boot clock is the true time: its steps are time passing.
    const sinceBoot = options.sinceBoot ?? (options.injectedNow ? () => options.now().getTime() : undefined);
    this.#clock = new LedgerClock({ now: options.now, ...(sinceBoot && { sinceBoot }) }, this.#newestAtOpen);
    // A jump while nothing is written is still seen (and recorded) within a minute.
    this.#clockTimer = setInterval(() => void this.checkClock().catch(() => undefined), options.clockCheckMs ?? CLOCK_CHECK_MS);
    this.#clockTimer.unref();
  }

  /** Opens (creating if needed) the ledger, takes its lock and recovers a torn tail. */
  static async open(options: ConsentLedgerOptions): Promise<ConsentLedger> {
    optionsSchema.parse(options);
    const now = options.now ?? (() => new Date());
    await mkdir(options.dir, { recursive: true, mode: 0o700 });
    await chmod(options.dir, 0o700);
    const lock = await acquireLedgerLock(options.dir);
    let ledger: ConsentLedger | null = null;
    try {
      const tail = await recoverTornTail(options.dir, now);
      ledger = new ConsentLedger({ ...options, now, injectedNow: options.now !== undefined }, lock, tail.head);
      // The first reading is the baseline for every later one, and catches a clock behind the ledger.
      await ledger.checkClock();
      if (tail.quarantine) {
        const { segment, quarantinedBytes } = tail.quarantine;
        await ledger.append('ledger.recovered', null, { segment, quarantinedBytes });
      }
      return ledger;
    } catch (error) {
      if (ledger) await ledger.close();
      else await lock.release();
      throw error;
    }
  }

  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** `ts` of the newest durable record, and of the newest when the ledger was opened (null: none). */
  get newestTs(): string | null {
    return this.#newestTs;
  }

  get newestTsAtOpen(): string | null {
    return this.#newestAtOpen;
  }

  /** What the ledger knows of the system clock: whether to trust it, and the jumps it saw. */
  get clock(): ClockState {
    return this.#clock.state();
  }

  /** The system clock, as the ledger reads it. */
  now(): Date {
    return this.#now();
  }

  /** Reads the clock now; a jump is recorded as `clock.jumped` before this resolves. */
  checkClock(): Promise<void> {
    if (this.#closing) return Promise.resolve();
    try {
      this.#readClock();
    } catch {
      // An unreadable clock is met (and reported) by the next append.
      return Promise.resolve();
    }
    if (this.#jumps.length === 0) return Promise.resolve();
    this.#draining ??= this.#drain();
    return this.#draining;
  }

  #readClock(): number {
    const { wall, jump, cameBack } = this.#clock.read();
    if (jump) this.#jumps.push({ jump, cameBack });
    return wall;
  }

  /** Hash of the last durable line: the `prev` of the next record. */
  get headHash(): string {
    return this.#headHash;
  }

  /** Validates, then queues the record; resolves once it is written and fdatasync'd. */
  append<T extends EventType>(type: T, sessionId: string | null, payload: EventPayload<T>): Promise<LedgerRecord> {
    return this.#enqueue([{ type, sessionId, payload } as LedgerEntry], null).then((records) => records[0]!);
  }

  /**
   * Writes the records with one write and one fdatasync, all or none, with one timestamp —
   * for an event and what it causes (an acknowledgement and its logging.start).
   */
  appendTogether(entries: LedgerEntry[]): Promise<LedgerRecord[]> {
    return this.#enqueue(entries, (this.#nextGroup += 1));
  }

  #enqueue(entries: LedgerEntry[], group: number | null): Promise<LedgerRecord[]> {
    try {
      if (this.#closing) throw new Error(`The ledger at ${this.dir} is closed.`);
      if (entries.length === 0 || entries.length > MAX_BATCH) throw new Error(`between 1 and ${MAX_BATCH} records at once`);
      // Every record is checked before any is queued: a bad one leaves nothing half-written.
      const checked = entries.map(({ type, sessionId, payload }) => {
        const schema = (EVENT_PAYLOADS as Record<string, z.ZodType | undefined>)[type];
        if (!schema) throw new Error(`Unknown ledger event type: ${String(type)}`);
        const parsed = schema.safeParse(payload);
        if (!parsed.success) throw new Error(`Invalid ${type} event: ${z.prettifyError(parsed.error)}`);
        if (sessionId !== null && typeof sessionId !== 'string') throw new Error('sessionId must be a string or null');
        return { type, sessionId, fields: parsed.data as Record<string, unknown> };
      });
      const written = checked.map(
        (entry) =>
          new Promise<LedgerRecord>((resolve, reject) => this.#queue.push({ ...entry, group, resolve, reject })),
      );
      this.#draining ??= this.#drain();
      return Promise.all(written);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Called with each record once it is durable, in seq order. Returns the unsubscribe function. */
  onAppend(listener: AppendListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Durable records with seq greater than `seq`, in order, at most `limit`. */
  async readAfter(seq: number, limit?: number): Promise<LedgerRecord[]> {
    z.number().int().nonnegative().parse(seq);
    z.number().int().positive().optional().parse(limit);
    if (seq >= this.#lastSeq) return [];
    const first = this.#recent[0];
    if (first && first.seq <= seq + 1) {
      const start = seq + 1 - first.seq;
      return this.#recent.slice(start, limit === undefined ? undefined : start + limit);
    }
    return readRecordsAfter(this.dir, seq, { upTo: this.#lastSeq, limit, positions: this.#positions });
  }

  /** Stops serving records up to `seq` from memory once retention has deleted them from disk. */
  forgetThrough(seq: number): void {
    this.#recent = this.#recent.filter((record) => record.seq > seq);
  }

  /** Resolves if the ledger's disk can take a write and an fdatasync now (after a failed append). */
  checkWritable(): Promise<void> {
    return this.#writer.checkWritable();
  }

  /** Writes what is already queued, refuses new appends and releases the lock. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      clearInterval(this.#clockTimer);
      await this.#draining;
      this.#writeAnchorNow();
      await this.#anchoring;
      await this.#writer.close();
      await this.#lock.release();
    })();
    return this.#closing;
  }

  /** (Re)starts the wait for a quiet moment to write the pending anchor. */
  #armAnchor(): void {
    const now = performance.now();
    this.#anchorDue ??= now + ANCHOR_MAX_LAG_MS;
    if (this.#anchorTimer) clearTimeout(this.#anchorTimer);
    this.#anchorTimer = setTimeout(() => {
      this.#anchorTimer = null;
      // A batch on its way to the disk: wait for the next quiet moment, unless the anchor is overdue.
      if (this.#draining !== null && this.#anchorDue !== null && performance.now() < this.#anchorDue) this.#armAnchor();
      else this.#writeAnchorNow();
    }, Math.max(0, Math.min(ANCHOR_QUIET_MS, this.#anchorDue - now))).unref();
  }

  #writeAnchorNow(): void {
    if (this.#anchorTimer) clearTimeout(this.#anchorTimer);
    this.#anchorTimer = null;
    this.#anchorDue = null;
    const anchor = this.#pendingAnchor;
    if (anchor === null) return;
    this.#pendingAnchor = null;
    this.#anchoring = this.#anchoring.then(() => writeHeadAnchor(this.dir, anchor)).catch(() => undefined);
  }

  async #drain(): Promise<void> {
    // One turn of the event loop lets appends made together share one write and one fdatasync.
    await Promise.resolve();
    while (this.#queue.length > 0 || this.#jumps.length > 0) {
      // A failed write of clock jumps alone waits for the next append instead of spinning.
      if (!(await this.#commitBatch()) && this.#queue.length === 0) break;
    }
    this.#draining = null;
  }

  async #commitBatch(): Promise<boolean> {
    const { batch, segment, consumed } = this.#buildBatch();
    this.#queue.splice(0, consumed);
    if (batch.length === 0 || segment === null) return consumed > 0;
    try {
      await this.#writer.append(segment, Buffer.from(batch.map((built) => `${built.line}\n`).join(''), 'utf8'));
    } catch (error) {
      // Nothing of the batch counts: the head stays where it was, and a clock jump is kept for the next write.
      this.#jumps.unshift(...batch.flatMap((built) => (built.pending.jump ? [built.pending.jump] : [])));
      for (const built of batch) built.pending.reject(error);
      return false;
    }
    const last = batch[batch.length - 1]!;
    this.#lastSeq = last.record.seq;
    this.#headHash = last.hash;
    this.#headSegment = segment;
    this.#newestTs = last.record.ts;
    this.#newestMs = last.ms;
    this.#pendingAnchor = { seq: last.record.seq, hash: last.hash };
    batch.forEach((built, index) => {
      this.#remember(built.record);
      this.#notify(built.record, index === batch.length - 1, built.line);
      built.pending.resolve(built.record);
    });
    // Off the tap-to-signal path: one anchor write after a burst, not one between its fdatasyncs,
    // and its timer set only once the listeners (the staff link's frames) have the batch.
    this.#armAnchor();
    return true;
  }

  /**
   * Chains queued appends into records, stopping where the segment changes; the records of one
   * `appendTogether` are never split. Rejects what cannot be built; `consumed` is how many
   * queued appends this batch takes (built or rejected).
   */
  #buildBatch(): { batch: BuiltRecord[]; segment: string | null; consumed: number } {
    const batch: BuiltRecord[] = [];
    let segment: string | null = null;
    let seq = this.#lastSeq;
    let prev = this.#headHash;
    let consumed = 0;
    let floorMs = this.#newestMs;
    while (consumed < this.#queue.length || (batch.length === 0 && this.#jumps.length > 0)) {
      const unit = consumed < this.#queue.length ? this.#unitAt(consumed) : [];
      if (batch.length > 0 && batch.length + unit.length + this.#jumps.length > MAX_BATCH) break;
      let ms: number;
      try {
        const wall = this.#readClock();
        // Times never go back silently; only a clock set back to the right time after a leap leads them down.
        if (this.#jumps.some((waiting) => waiting.cameBack)) floorMs = null;
        ms = stampAfter(wall, floorMs);
      } catch (error) {
        if (batch.length > 0) break;
        for (const pending of unit) pending.reject(error);
        return { batch, segment, consumed: unit.length };
      }
      const ts = new Date(ms).toISOString();
      // Never back into an older segment if the clock goes back: file order must stay seq order.
      const own = segmentForTs(ts);
      const target = this.#headSegment !== null && this.#headSegment > own ? this.#headSegment : own;
      if (segment !== null && target !== segment) break;
      segment = target;
      // A jump is written just before the first record stamped after it, with the same ts.
      floorMs = ms;
      const jumps = this.#jumps.splice(0).map((waiting): PendingAppend => ({
        type: 'clock.jumped', sessionId: null, fields: { ...waiting.jump }, group: null, jump: waiting, resolve: () => undefined, reject: () => undefined,
      }));
      for (const pending of [...jumps, ...unit]) {
        seq += 1;
        const record = freezeDeep(
          orderRecord({
            seq,
            id: newRecordId(ms),
            ts,
            type: pending.type,
            kioskId: this.#kioskId,
            counterId: this.#counterId,
            sessionId: pending.sessionId,
            prev,
            ...pending.fields,
          }),
        );
        const line = JSON.stringify(record);
        prev = lineHash(line);
        batch.push({ pending, record, line, hash: prev, ms });
      }
      consumed += unit.length;
      if (unit.length === 0) break;
    }
    return { batch, segment, consumed };
  }

  /** The queued append at `index` and the rest of its `appendTogether` group. */
  #unitAt(index: number): PendingAppend[] {
    const first = this.#queue[index]!;
    let end = index + 1;
    while (first.group !== null && end < this.#queue.length && this.#queue[end]!.group === first.group) end += 1;
    return this.#queue.slice(index, end);
  }

  #remember(record: LedgerRecord): void {
    this.#recent.push(record);
    if (this.#recent.length > RECENT_RECORDS * 2) this.#recent = this.#recent.slice(-RECENT_RECORDS);
  }

  #notify(record: LedgerRecord, batchEnds: boolean, line: string): void {
    for (const listener of this.#listeners) {
      try {
        listener(record, batchEnds, line);
      } catch (error) {
        // A faulty listener must not undo or delay a durable record, nor starve the others.
        process.emitWarning(`A ledger onAppend listener threw: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
