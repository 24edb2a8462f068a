// Between the session machine and the ledger: when the disk refuses an append (full, or an
// fdatasync error), nothing of it counts, the caller gets a clear `invalid-state`, the kiosk
// shows its "please tell a staff member" screen, and it comes back by itself once a check
// write succeeds again (or the next append does).
import type { EventPayload, EventType, LedgerRecord } from '../../shared/events.js';
import type { LedgerEntry } from '../ledger/consent-ledger.js';
import { storageFaultCode } from '../ledger/ledger-files.js';
import type { EventSink } from './counter-session.js';
import { KioskError } from './kiosk-error.js';

/** How often a kiosk that could not write checks whether the disk takes writes again. */
export const OUTAGE_CHECK_MS = 1000;

export interface LedgerOutageOptions {
  ledger: EventSink & { checkWritable(): Promise<void> };
  /** The outage began or ended: the view changes. */
  onChange: () => void;
  checkEveryMs?: number;
}

export class LedgerOutage implements EventSink {
  readonly #options: LedgerOutageOptions;
  #problem: string | null = null;
  #timer: NodeJS.Timeout | null = null;
  #checking = false;

  constructor(options: LedgerOutageOptions) {
    this.#options = options;
  }

  /** What staff see while the ledger cannot write; null when it can. */
  get problem(): string | null {
    return this.#problem;
  }

  append<T extends EventType>(type: T, sessionId: string | null, payload: EventPayload<T>): Promise<LedgerRecord> {
    return this.#guard(() => this.#options.ledger.append(type, sessionId, payload));
  }

  appendTogether(entries: LedgerEntry[]): Promise<LedgerRecord[]> {
    return this.#guard(() => this.#options.ledger.appendTogether(entries));
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  async #guard<R>(write: () => Promise<R>): Promise<R> {
    let written: R;
    try {
      written = await write();
    } catch (error) {
      const code = storageFaultCode(error);
      if (code === null) throw error;
      this.#begin(code);
      throw new KioskError(
        'invalid-state',
        `the ledger could not store this on disk (${code}): nothing was recorded and the screen asks for staff; ` +
          'the kiosk resumes by itself once the disk takes writes again',
      );
    }
    this.#end();
    return written;
  }

  #begin(code: string): void {
    const problem = `the ledger cannot write to its disk (${code}); nothing is lost, answers are refused until it can`;
    const changed = this.#problem !== problem;
    this.#problem = problem;
    this.#timer ??= setInterval(() => void this.#check(), this.#options.checkEveryMs ?? OUTAGE_CHECK_MS).unref();
    if (changed) this.#options.onChange();
  }

  #end(): void {
    if (this.#problem === null) return;
    this.stop();
    this.#problem = null;
    this.#options.onChange();
  }

  async #check(): Promise<void> {
    if (this.#checking || this.#problem === null) return;
    this.#checking = true;
    try {
      await this.#options.ledger.checkWritable();
      this.#end();
    } catch {
      // Still failing: the next check tries again.
    } finally {
      this.#checking = false;
    }
  }
}
