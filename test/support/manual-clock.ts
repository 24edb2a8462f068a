// A delivery clock that moves only when the test moves it: retries waiting minutes are
// stepped through at once, and every wait the outbox asked for is on record.
import type { DeliveryClock } from '../../electron/core/webhooks/delivery-clock.js';

interface Sleeper {
  until: number;
  resolve: () => void;
}

export class ManualClock implements DeliveryClock {
  #now: number;
  /** Every wait asked for, in ms, in order. */
  readonly waits: number[] = [];
  #sleepers: Sleeper[] = [];

  constructor(start = Date.now()) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    this.waits.push(ms);
    return new Promise((resolve) => {
      const sleeper: Sleeper = { until: this.#now + ms, resolve };
      const done = () => {
        this.#sleepers = this.#sleepers.filter((s) => s !== sleeper);
        resolve();
      };
      sleeper.resolve = done;
      if (signal.aborted) return done();
      signal.addEventListener('abort', done, { once: true });
      this.#sleepers.push(sleeper);
    });
  }

  /** How many waits are running now. */
  get sleeping(): number {
    return this.#sleepers.length;
  }

  /** Moves time to the earliest running wait's end and ends every wait due by then; returns the step. */
  toNextWait(): number {
    const next = Math.min(...this.#sleepers.map((s) => s.until));
    if (!Number.isFinite(next)) throw new Error('nothing is waiting on the clock');
    const step = next - this.#now;
    this.#now = next;
    for (const sleeper of this.#sleepers.filter((s) => s.until <= this.#now)) sleeper.resolve();
    return step;
  }
}
