// `GET /metrics`: the kiosk in Prometheus text format, from a private registry so two
// kiosks in one process (tests) never share series. Counters count since this start.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { LedgerRecord } from '../../shared/events.js';
import type { ClockState } from '../ledger/ledger-clock.js';
import type { HubStatus } from '../webhooks/hub-status.js';
import { registerHubMetrics } from './hub-metrics.js';
import { ledgerBytes } from './ledger-size.js';

export interface MetricsSources {
  ledger: {
    readonly dir: string;
    readonly lastSeq: number;
    /** The system clock as the ledger sees it. */
    readonly clock: ClockState;
    onAppend(listener: (record: LedgerRecord) => void): () => void;
  };
  staffClients(): number;
  webhooks(): ReadonlyArray<{ url: string; backlog: number; failures: number }>;
  /** Only when a records hub is configured. */
  hub?: (() => HubStatus | null) | undefined;
  /** Epoch ms, for a pause still going on at scrape time; Date.now unless a test sets it. */
  now?: () => number;
}

const OUTCOMES = ['acknowledged', 'questioned', 'timeout', 'override'] as const;
/** Reasons the kiosk itself writes; a staff app's own words are counted as `other` to keep series few. */
const END_REASONS = ['staff', 'idle', 'kiosk-restart'] as const;

export class KioskMetrics {
  readonly #registry = new Registry();
  readonly #outcomes: Counter<'outcome'>;
  readonly #ended: Counter<'reason'>;
  readonly #answerSeconds: Histogram<'answer'>;
  readonly #tapToSignal: Histogram;
  /** Seconds of pauses that have ended, and when each open pause began (by session). */
  #pausedSeconds = 0;
  readonly #pausedFrom = new Map<string, number>();
  /** Records told by the ledger and not yet counted (counted a microtask later, or by a scrape). */
  readonly #uncounted: LedgerRecord[] = [];

  constructor(sources: MetricsSources) {
    const registers = [this.#registry];
    this.#outcomes = new Counter({
      name: 'kokuchi_sessions_total',
      help: 'Sessions by outcome: the resident acknowledged, questioned or did not answer in time, or staff overrode.',
      labelNames: ['outcome'],
      registers,
    });
    for (const outcome of OUTCOMES) this.#outcomes.inc({ outcome }, 0);
    this.#ended = new Counter({
      name: 'kokuchi_sessions_ended_total',
      help: 'Sessions ended, by reason (staff, idle, kiosk-restart, other).',
      labelNames: ['reason'],
      registers,
    });
    for (const reason of [...END_REASONS, 'other']) this.#ended.inc({ reason }, 0);
    this.#answerSeconds = new Histogram({
      name: 'kokuchi_answer_seconds',
      help: "Seconds from notice.shown to the resident's answer.",
      labelNames: ['answer'],
      buckets: [2, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300],
      registers,
    });
    for (const answer of ['acknowledged', 'questioned']) this.#answerSeconds.zero({ answer });
    this.#tapToSignal = new Histogram({
      name: 'kokuchi_tap_to_signal_seconds',
      help: 'Seconds from the core receiving "I understand" to logging.start being durable and handed to the staff link.',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    });
    new Gauge({
      name: 'kokuchi_staff_clients',
      help: 'Authenticated staff link WebSocket clients.',
      registers,
      collect() {
        this.set(sources.staffClients());
      },
    });
    new Gauge({
      name: 'kokuchi_webhook_backlog',
      help: 'Ledger events not yet delivered to the endpoint.',
      labelNames: ['endpoint'],
      registers,
      collect() {
        this.reset();
        for (const hook of sources.webhooks()) this.set({ endpoint: hook.url }, hook.backlog);
      },
    });
    new Counter({
      name: 'kokuchi_webhook_failures_total',
      help: 'Failed webhook delivery attempts since the kiosk started.',
      labelNames: ['endpoint'],
      registers,
      collect() {
        this.reset();
        for (const hook of sources.webhooks()) this.inc({ endpoint: hook.url }, hook.failures);
      },
    });
    new Gauge({
      name: 'kokuchi_ledger_bytes',
      help: 'Size of the ledger segment files in bytes.',
      registers,
      async collect() {
        this.set(await ledgerBytes(sources.ledger.dir));
      },
    });
    new Gauge({
      name: 'kokuchi_ledger_last_seq',
      help: 'seq of the last durable ledger event.',
      registers,
      collect() {
        this.set(sources.ledger.lastSeq);
      },
    });
    new Gauge({
      name: 'kokuchi_clock_trusted',
      help: '1 while the system clock agrees with the time since start; 0 after a jump (retention deletes nothing).',
      registers,
      collect() {
        this.set(sources.ledger.clock.trusted ? 1 : 0);
      },
    });
    new Gauge({
      name: 'kokuchi_clock_offset_seconds',
      help: 'Sum of the system clock jumps since start, in seconds (negative: set back).',
      registers,
      collect() {
        this.set(sources.ledger.clock.offsetMs / 1000);
      },
    });
    new Counter({
      name: 'kokuchi_clock_jumps_total',
      help: 'System clock jumps seen since start (each also a clock.jumped ledger event).',
      registers,
      collect() {
        this.reset();
        this.inc(sources.ledger.clock.jumps);
      },
    });
    if (sources.hub) registerHubMetrics(this.#registry, sources.hub);
    const now = sources.now ?? Date.now;
    const paused = { done: () => this.#pausedSeconds, open: () => [...this.#pausedFrom.values()] };
    new Counter({
      name: 'kokuchi_paused_seconds_total',
      help: 'Seconds logging was paused by staff (logging.paused to logging.resumed or logging.stop), including a pause going on now.',
      registers,
      collect() {
        const ongoing = paused.open().reduce((sum, from) => sum + Math.max(0, now() - from) / 1000, 0);
        this.reset();
        this.inc(paused.done() + ongoing);
      },
    });
    // Counted once the ledger has told everyone of the write (and before whoever awaited the
    // append resumes): the staff link's frames, told after this listener, are not held up by
    // the registry's label lookups. A scrape counts what is still waiting first.
    sources.ledger.onAppend((record) => {
      if (this.#uncounted.push(record) === 1) queueMicrotask(() => this.#countWaiting());
    });
  }

  /** Called once logging.start is durable and sent, with `performance.now()` taken when the tap arrived. */
  tapToSignal(tappedAt: number): void {
    this.#tapToSignal.observe((performance.now() - tappedAt) / 1000);
  }

  async scrape(): Promise<{ contentType: string; text: string }> {
    this.#countWaiting();
    return { contentType: this.#registry.contentType, text: await this.#registry.metrics() };
  }

  #countWaiting(): void {
    for (const record of this.#uncounted.splice(0)) this.#count(record);
  }

  #count(record: LedgerRecord): void {
    switch (record.type) {
      case 'consent.acknowledged':
      case 'consent.questioned':
      case 'consent.timeout': {
        const outcome = record.type.slice('consent.'.length);
        this.#outcomes.inc({ outcome });
        if (outcome !== 'timeout' && typeof record.elapsedMs === 'number') {
          this.#answerSeconds.observe({ answer: outcome }, record.elapsedMs / 1000);
        }
        return;
      }
      case 'logging.start':
        if (record.by === 'staff-override') this.#outcomes.inc({ outcome: 'override' });
        return;
      case 'logging.paused':
        if (record.sessionId !== null) this.#pausedFrom.set(record.sessionId, Date.parse(record.ts));
        return;
      case 'logging.resumed':
      case 'logging.stop': {
        const from = record.sessionId === null ? undefined : this.#pausedFrom.get(record.sessionId);
        if (from === undefined || record.sessionId === null) return;
        this.#pausedFrom.delete(record.sessionId);
        this.#pausedSeconds += Math.max(0, Date.parse(record.ts) - from) / 1000;
        return;
      }
      case 'session.ended': {
        const reason = (END_REASONS as readonly unknown[]).includes(record.reason) ? String(record.reason) : 'other';
        this.#ended.inc({ reason });
        return;
      }
      default:
        return;
    }
  }
}
