// The running kiosk holds the ledger's lock, so `kokuchi ledger prune` cannot run beside
// it: the kiosk applies `retentionDays` itself, at start and then once a day.
import type { ConsentLedger } from './consent-ledger.js';
import { pruneLedger } from './prune-ledger.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionSchedule {
  /** The last run's problem (a damaged segment is never deleted), for `/v1/status`. */
  readonly problem: string | null;
  stop(): Promise<void>;
}

export function scheduleRetention(ledger: ConsentLedger, retentionDays: number, everyMs = DAY_MS): RetentionSchedule {
  let problem: string | null = null;
  let running: Promise<void> = Promise.resolve();
  let first = true;
  const run = () => {
    // At start the kiosk's own start-up records are newer than any evidence: compare with what was there before.
    const newestTs = first ? ledger.newestTsAtOpen : undefined;
    first = false;
    running = running
      .then(() => ledger.checkClock())
      .then(() => pruneLedger(ledger, { retentionDays, ...(newestTs !== undefined && { newestTs }) }))
      .then(
        () => void (problem = null),
        (error: unknown) => void (problem = error instanceof Error ? error.message : String(error)),
      );
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return {
    get problem() {
      return problem;
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
