// Delivers the ledger to one endpoint: one event at a time in seq order, the same event
// retried with backoff until a 2xx, the cursor advanced only after that. Nothing is
// dropped or reordered; a crash between a 2xx and the cursor write sends it again.
// A refusal (an answer that will not change however often the same event is sent) is
// retried on a slower schedule of its own, so a stuck endpoint is asked every few minutes,
// not every few seconds, and still takes the event by itself once someone fixes it.
import type { LedgerRecord } from '../../shared/events.js';
import type { CursorRefusal, DeliveryCursor } from './delivery-cursor.js';
import { SYSTEM_CLOCK, type DeliveryClock } from './delivery-clock.js';
import { redactUrls } from './endpoint-url.js';
import { postEvent } from './post-event.js';
import { webhookSignature } from './webhook-signature.js';

/** What the outbox needs of the ledger. */
export interface OutboxLedger {
  readonly lastSeq: number;
  readAfter(seq: number, limit?: number): Promise<LedgerRecord[]>;
  onAppend(listener: (record: LedgerRecord) => void): () => void;
}

export interface DeliveryTiming {
  /** An attempt without an answer by then counts as failed (contract: 10 s). */
  timeoutMs: number;
  /** First retry delay; doubles per failure of the same event, up to `maxRetryMs`. */
  firstRetryMs: number;
  maxRetryMs: number;
  /** The same for refusals (see `EndpointDelivererOptions.isRefusal`): first delay, doubling up to the max. */
  firstRefusalRetryMs: number;
  maxRefusalRetryMs: number;
}

export const DEFAULT_TIMING: DeliveryTiming = {
  timeoutMs: 10_000,
  firstRetryMs: 1_000,
  maxRetryMs: 5 * 60_000,
  firstRefusalRetryMs: 15_000,
  maxRefusalRetryMs: 10 * 60_000,
};

export interface EndpointStatus {
  url: string;
  /** Events in the ledger after the saved cursor (subscribed or not). */
  backlog: number;
  /** Failed attempts since the kiosk started. */
  failures: number;
  /** Why the current event has not gone out yet; null once it has. */
  lastError: string | null;
  /** When the next retry is due (RFC 3339), null when not waiting to retry. */
  nextAttemptAt: string | null;
}

/** Why the event at `seq` has not gone out: the attempt's error, and the endpoint's answer if it gave one. */
export interface DeliveryFailure {
  seq: number;
  error: string;
  status?: number | undefined;
  reply?: string | undefined;
}

const BATCH = 100;
/**
 * How stale the cursor on disk may be while a batch goes out. Saving it is two fsyncs; after
 * every event that capped delivery near a hundred events a second. Delivery is at-least-once
 * (staff-link.md): after a crash, what went out since the last save goes again, with the same
 * webhook-id, which receivers and the hub take as a repeat.
 */
const CURSOR_SAVE_MS = 1000;

/**
 * Work that travels with the events (the hub's notice texts): done before an event that
 * needs it, and while the endpoint is otherwise idle.
 */
export interface DeliveryCompanion {
  /** Sends what `record` needs at the endpoint first; a failure returned postpones the record. */
  before(record: LedgerRecord, signal: AbortSignal): Promise<DeliveryFailure | null>;
  /** Sends what is due; returns when more will be due (ms since the epoch), or null. */
  idle(signal: AbortSignal): Promise<number | null>;
}

export interface EndpointDelivererOptions {
  url: string;
  displayUrl: string;
  key: Buffer;
  events: readonly string[] | undefined;
  cursor: DeliveryCursor;
  ledger: OutboxLedger;
  timing: DeliveryTiming;
  clock?: DeliveryClock | undefined;
  /** Whether a failure is the endpoint refusing the event (retried on the refusal schedule). */
  isRefusal?: ((failure: DeliveryFailure) => boolean) | undefined;
  companion?: DeliveryCompanion | undefined;
}

export class EndpointDeliverer {
  readonly url: string;
  readonly #target: URL;
  readonly #events: ReadonlySet<string> | null;
  readonly #options: EndpointDelivererOptions;
  readonly #stopping = new AbortController();
  #delivered: number;
  #failures = 0;
  #lastError: string | null = null;
  #lastFailure: DeliveryFailure | null = null;
  #deliveredAt: string | null;
  /** When the cursor was last saved (the delivery clock's ms). */
  #savedAt = 0;
  #nextAttemptAt: number | null = null;
  /** When the endpoint first refused the event it is stuck on; null while it is not refusing one. */
  #refusedSince: number | null = null;
  readonly #clock: DeliveryClock;
  #woken = false;
  #wakeUp: (() => void) | null = null;
  #loop: Promise<void> | null = null;

  constructor(options: EndpointDelivererOptions) {
    this.#options = options;
    this.url = options.displayUrl;
    this.#target = new URL(options.url);
    this.#events = options.events ? new Set(options.events) : null;
    this.#delivered = options.cursor.seq;
    this.#deliveredAt = options.cursor.deliveredAt;
    this.#clock = options.clock ?? SYSTEM_CLOCK;
    const refused = options.cursor.refused;
    this.#refusedSince = refused === null ? null : Date.parse(refused.since);
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  /** A new event is durable: go on at once unless waiting out a retry delay. */
  wake(): void {
    this.#woken = true;
    const wakeUp = this.#wakeUp;
    this.#wakeUp = null;
    wakeUp?.();
  }

  /** Aborts an attempt in flight (it is sent again next start) and waits for the loop to end. */
  async stop(): Promise<void> {
    this.#stopping.abort();
    this.wake();
    await this.#loop;
  }

  status(): EndpointStatus {
    return {
      url: this.url,
      // From the cursor on disk: what a restart would still send.
      backlog: Math.max(0, this.#options.ledger.lastSeq - this.#options.cursor.seq),
      failures: this.#failures,
      lastError: this.#lastError,
      nextAttemptAt: this.#nextAttemptAt === null ? null : new Date(this.#nextAttemptAt).toISOString(),
    };
  }

  /** The last event the endpoint took and when (the cursor on disk may be up to a second behind), and why the next one has not gone out. */
  progress(): DeliveryProgress {
    return {
      deliveredSeq: this.#delivered,
      deliveredAt: this.#deliveredAt,
      lastFailure: this.#lastFailure,
      refusedSince: this.#refusedSince === null ? null : new Date(this.#refusedSince).toISOString(),
    };
  }

  async #run(): Promise<void> {
    const signal = this.#stopping.signal;
    let attempt = 0;
    while (!signal.aborted) {
      this.#woken = false;
      let batch: LedgerRecord[];
      try {
        batch = await this.#options.ledger.readAfter(this.#delivered, BATCH);
      } catch (error) {
        const message = `cannot read the ledger: ${(error as Error).message}`;
        this.#lastFailure = { seq: this.#delivered + 1, error: message };
        await this.#failed(message, (attempt += 1), false);
        continue;
      }
      attempt = 0;
      if (batch.length === 0) {
        const due = (await this.#options.companion?.idle(signal)) ?? null;
        if (!this.#woken) await this.#waitForAppend(due);
        continue;
      }
      for (const record of batch) {
        if (signal.aborted) break;
        if (this.#events && !this.#events.has(record.type)) {
          this.#delivered = record.seq;
          continue;
        }
        if (!(await this.#deliver(record))) break;
        this.#delivered = record.seq;
        this.#deliveredAt = new Date(this.#clock.now()).toISOString();
        if (this.#clock.now() - this.#savedAt >= CURSOR_SAVE_MS) await this.#saveCursor();
      }
      // The batch's end (caught up, or stopping) is saved; skipped (unsubscribed) events move it too.
      if (this.#delivered !== this.#options.cursor.seq) await this.#saveCursor();
    }
  }

  /** Sends one event until the endpoint takes it; false if stopped first. */
  async #deliver(record: LedgerRecord): Promise<boolean> {
    const body = JSON.stringify(record);
    const signal = this.#stopping.signal;
    let failures = 0;
    let refusals = 0;
    while (!signal.aborted) {
      const first = (await this.#options.companion?.before(record, signal)) ?? null;
      if (signal.aborted) return false;
      if (first !== null) {
        this.#lastFailure = first;
        await this.#failed(first.error, (failures += 1), false);
        continue;
      }
      // The signature's time is the wall clock the endpoint checks it against, whatever clock schedules retries.
      const timestamp = Math.floor(Date.now() / 1000);
      const outcome = await postEvent(
        this.#target,
        {
          'webhook-id': record.id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': webhookSignature(this.#options.key, record.id, timestamp, body),
        },
        body,
        { timeoutMs: this.#options.timing.timeoutMs, signal },
      );
      if (outcome.ok) {
        this.#lastError = null;
        this.#lastFailure = null;
        this.#refusedSince = null;
        return true;
      }
      if (signal.aborted) return false;
      const failure: DeliveryFailure = { seq: record.seq, error: outcome.error, status: outcome.status, reply: outcome.reply };
      this.#lastFailure = failure;
      const refused = this.#options.isRefusal?.(failure) ?? false;
      // Since the first refusal of this record, also across restarts; the hub being unreachable in between does not reset it.
      if (refused && this.#refusedSince === null) {
        this.#refusedSince = this.#clock.now();
        await this.#saveRefusal({ seq: record.seq, since: new Date(this.#refusedSince).toISOString() });
      }
      await this.#failed(outcome.error, refused ? (refusals += 1) : (failures += 1), refused);
    }
    return false;
  }

  async #failed(error: string, attempt: number, refused: boolean): Promise<void> {
    this.#failures += 1;
    this.#lastError = redactUrls(error);
    const { timing } = this.#options;
    const delay = refused
      ? retryDelay(attempt, { firstRetryMs: timing.firstRefusalRetryMs, maxRetryMs: timing.maxRefusalRetryMs })
      : retryDelay(attempt, timing);
    this.#nextAttemptAt = this.#clock.now() + delay;
    await this.#clock.sleep(delay, this.#stopping.signal);
    this.#nextAttemptAt = null;
  }

  async #saveRefusal(refused: CursorRefusal): Promise<void> {
    // Only when the cursor on disk is right before the refused record (not behind skipped events).
    if (this.#options.cursor.seq + 1 !== refused.seq) return;
    try {
      await this.#options.cursor.saveRefused(refused);
    } catch {
      // Shown from memory; after a restart "since" starts again.
    }
  }

  async #saveCursor(): Promise<void> {
    this.#savedAt = this.#clock.now();
    try {
      await this.#options.cursor.save(this.#delivered, this.#deliveredAt);
    } catch (error) {
      // Delivery goes on from memory; after a restart the events since the saved cursor are sent again.
      this.#lastError = `cannot save the delivery cursor: ${(error as Error).message}`;
    }
  }

  /** Until the next append (or stop), or until `due` (ms since the epoch) when the companion has work then. */
  async #waitForAppend(due: number | null): Promise<void> {
    const appended = new Promise<void>((resolve) => {
      this.#wakeUp = resolve;
    });
    if (due === null) return appended;
    const timer = new AbortController();
    const delay = Math.max(0, due - this.#clock.now());
    await Promise.race([appended, this.#clock.sleep(delay, AbortSignal.any([timer.signal, this.#stopping.signal]))]);
    timer.abort();
    this.#wakeUp = null;
  }
}

export interface DeliveryProgress {
  deliveredSeq: number;
  deliveredAt: string | null;
  lastFailure: DeliveryFailure | null;
  /** When the endpoint first refused the record it is stuck on (RFC 3339); null when it is not refusing one. */
  refusedSince: string | null;
}

/** Exponential backoff with jitter: half to all of `first · 2^(attempt−1)`, capped. */
export function retryDelay(attempt: number, timing: Pick<DeliveryTiming, 'firstRetryMs' | 'maxRetryMs'>): number {
  const ceiling = Math.min(timing.maxRetryMs, timing.firstRetryMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(ceiling * (0.5 + Math.random() / 2));
}
