// The outbox's sense of time: when retries are due and what status calls "now". Injected
// so that tests can step through minutes of backoff without waiting for them.
import { setTimeout as sleep } from 'node:timers/promises';

export interface DeliveryClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`, or at once when `signal` aborts (never rejects). */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const SYSTEM_CLOCK: DeliveryClock = {
  now: () => Date.now(),
  // ref: false — a retry waiting minutes must not keep a shutting-down process alive.
  sleep: (ms, signal) => sleep(ms, undefined, { signal, ref: false }).catch(() => undefined),
};
