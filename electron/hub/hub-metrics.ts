// `GET /metrics` on the hub: each kiosk's last seen age, last seq and chain state, the
// delivery lag, the ingest rate by outcome, the last verify and the disk under the data
// folder — what docs/fleet.md's alert rules watch. A private registry per hub.
import { statfs } from 'node:fs/promises';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { IngestEvents, IngestOutcome } from './ingest.js';
import { chainState, type KioskChain } from './kiosk-chain.js';

const OUTCOMES: readonly IngestOutcome[] = ['stored', 'repeat', 'diverged', 'gap', 'bad-signature', 'malformed', 'unavailable'];

export interface VerifyStatus {
  ok: boolean;
  problems: number;
  at: Date;
}

export class HubMetrics implements IngestEvents {
  readonly #registry = new Registry();
  readonly #ingests: Counter<'outcome'>;
  readonly #lag: Histogram;
  readonly #lastLag = new Map<string, number>();
  #verify: VerifyStatus | null = null;

  constructor(chains: () => Iterable<KioskChain>, dataDir: string, now: () => Date = () => new Date()) {
    const registers = [this.#registry];
    this.#ingests = new Counter({
      name: 'kokuchi_hub_ingests_total',
      help: 'Ingest requests answered, by outcome (stored, repeat, diverged, gap, bad-signature, malformed, unavailable).',
      labelNames: ['outcome'],
      registers,
    });
    for (const outcome of OUTCOMES) this.#ingests.inc({ outcome }, 0);
    this.#lag = new Histogram({
      name: 'kokuchi_hub_delivery_lag_seconds',
      help: "Seconds from a record's ts on the kiosk to the hub storing it.",
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600],
      registers,
    });
    const lastLag = this.#lastLag;
    new Gauge({
      name: 'kokuchi_hub_kiosks',
      help: 'Kiosks the hub has heard from.',
      registers,
      collect() {
        this.set([...chains()].length);
      },
    });
    const perKiosk = (name: string, help: string, value: (chain: KioskChain) => number | null) =>
      new Gauge({
        name,
        help,
        labelNames: ['kiosk', 'counter'],
        registers,
        collect() {
          this.reset();
          for (const chain of chains()) {
            const v = value(chain);
            if (v !== null) this.set({ kiosk: chain.kioskId, counter: chain.counterId }, v);
          }
        },
      });
    perKiosk('kokuchi_hub_kiosk_last_seen_age_seconds', 'Seconds since the kiosk last sent a signed record.', (chain) =>
      chain.lastSeenAt ? Math.max(0, (now().getTime() - chain.lastSeenAt.getTime()) / 1000) : null,
    );
    perKiosk('kokuchi_hub_kiosk_last_seq', 'The last seq of the kiosk the hub holds.', (chain) => chain.lastSeq);
    perKiosk('kokuchi_hub_kiosk_lag_seconds', "Seconds from the ts of the kiosk's last stored record to its arrival.", (chain) =>
      lastLag.get(chain.kioskId) ?? null,
    );
    new Gauge({
      name: 'kokuchi_hub_chain_problem',
      help: "1 while a kiosk's chain has this problem: gap (records missing) or diverged (a different copy kept aside).",
      labelNames: ['kiosk', 'counter', 'problem'],
      registers,
      collect() {
        this.reset();
        for (const chain of chains()) {
          const state = chainState(chain);
          for (const problem of ['gap', 'diverged'] as const) {
            this.set({ kiosk: chain.kioskId, counter: chain.counterId, problem }, state === problem ? 1 : 0);
          }
        }
      },
    });
    new Gauge({
      name: 'kokuchi_hub_set_aside_records',
      help: 'Records set aside for an operator (not stored over the good copy).',
      labelNames: ['problem'],
      registers,
      collect() {
        const counts = { gap: 0, diverged: 0 };
        for (const chain of chains()) for (const problem of chain.aside.values()) counts[problem] += 1;
        for (const [problem, count] of Object.entries(counts)) this.set({ problem }, count);
      },
    });
    const verify = () => this.#verify;
    new Gauge({
      name: 'kokuchi_hub_verify_ok',
      help: "1 if the hub's last verify of the whole store found no problem, 0 if it found any (absent before the first).",
      registers,
      collect() {
        this.reset();
        const last = verify();
        if (last) this.set(last.ok ? 1 : 0);
      },
    });
    new Gauge({
      name: 'kokuchi_hub_verify_last_run_timestamp_seconds',
      help: "When the hub last verified the whole store (Unix seconds).",
      registers,
      collect() {
        this.reset();
        const last = verify();
        if (last) this.set(last.at.getTime() / 1000);
      },
    });
    for (const [name, help, pick] of [
      ['kokuchi_hub_data_free_bytes', 'Bytes free for the hub on the disk of its data folder.', (s: { bavail: number; bsize: number }) => s.bavail * s.bsize],
      ['kokuchi_hub_data_size_bytes', 'Size of the disk holding the data folder.', (s: { blocks: number; bsize: number }) => s.blocks * s.bsize],
    ] as const) {
      new Gauge({
        name,
        help,
        registers,
        async collect() {
          const stats = await statfs(dataDir).catch(() => null);
          if (stats) this.set(pick(stats));
        },
      });
    }
  }

  stored(chain: KioskChain, lagMs: number): void {
    const seconds = Math.max(0, lagMs / 1000);
    this.#lag.observe(seconds);
    this.#lastLag.set(chain.kioskId, seconds);
  }

  answered(outcome: IngestOutcome): void {
    this.#ingests.inc({ outcome });
  }

  verified(status: VerifyStatus): void {
    this.#verify = status;
  }

  get contentType(): string {
    return this.#registry.contentType;
  }

  text(): Promise<string> {
    return this.#registry.metrics();
  }
}
