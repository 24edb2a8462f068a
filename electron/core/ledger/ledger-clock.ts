// The ledger's view of the system clock. A step of the clock (a dead RTC battery, a bad
// NTP answer, someone setting the date) is told from time passing by comparing it with
// the time since boot, which no one sets and which also counts suspend. A step is
// recorded (`clock.jumped`), record times never go back silently, and while the clock
// disagrees with the time since the kiosk started, retention deletes nothing.
import { uptime } from 'node:os';

/** A step smaller than this is NTP slewing or timer jitter, not a jump. */
export const CLOCK_TOLERANCE_MS = 60_000;

export interface ClockJump {
  /** How far the clock stepped, beyond the time that passed (negative: back). */
  offsetMs: number;
  /** What the system clock read. */
  clockTs: string;
}

/** The time for a record, in epoch ms: the clock, but never before `floorMs` (the record before it). */
export function stampAfter(wall: number, floorMs: number | null): number {
  return floorMs !== null && wall < floorMs ? floorMs : wall;
}

export interface ClockState {
  /** False while the clock disagrees with the time since start (or is behind the ledger's newest record). */
  trusted: boolean;
  /** The clock minus the time the kiosk expects, from all jumps seen since start. */
  offsetMs: number;
  /** Jumps seen since start. */
  jumps: number;
  /** The system clock's reading at the last jump, or null. */
  lastJumpAt: string | null;
}

export interface LedgerClockOptions {
  now: () => Date;
  /** Milliseconds since boot, counting suspend; `os.uptime()` unless a test moves it. */
  sinceBoot?: () => number;
}

export class LedgerClock {
  readonly #now: () => Date;
  readonly #sinceBoot: () => number;
  #lastWall: number | null = null;
  #lastBoot = 0;
  /** The newest record's time, only to catch a clock behind it at start. */
  readonly #newestAtOpen: number | null;
  #offset = 0;
  #jumps = 0;
  #lastJumpAt: string | null = null;

  constructor(options: LedgerClockOptions, newestTs: string | null) {
    this.#now = options.now;
    this.#sinceBoot = options.sinceBoot ?? (() => uptime() * 1000);
    this.#newestAtOpen = newestTs === null ? null : Date.parse(newestTs);
  }

  /**
   * Reads the clock; returns a jump when it stepped since the last reading (or, at the
   * first reading, when it is behind the ledger's newest record). Throws if the clock
   * cannot be read.
   */
  read(): { wall: number; jump: ClockJump | null; cameBack: boolean } {
    const wall = this.#now().getTime();
    if (!Number.isFinite(wall)) throw new Error('the system clock reads an invalid time');
    const boot = this.#sinceBoot();
    let step: number | null = null;
    if (this.#lastWall === null) {
      // Behind the newest record already at start: a clock reset (dead RTC battery) or set back.
      if (this.#newestAtOpen !== null && wall < this.#newestAtOpen - CLOCK_TOLERANCE_MS) step = wall - this.#newestAtOpen;
    } else {
      const drift = wall - this.#lastWall - (boot - this.#lastBoot);
      if (Math.abs(drift) > CLOCK_TOLERANCE_MS) step = drift;
    }
    this.#lastWall = wall;
    this.#lastBoot = boot;
    if (step === null) return { wall, jump: null, cameBack: false };
    this.#offset += step;
    this.#jumps += 1;
    const clockTs = new Date(wall).toISOString();
    this.#lastJumpAt = clockTs;
    // Set back to the time it should show (undoing a leap ahead): later records may follow it down again.
    const cameBack = step < 0 && Math.abs(this.#offset) <= CLOCK_TOLERANCE_MS;
    return { wall, jump: { offsetMs: Math.round(step), clockTs }, cameBack };
  }

  state(): ClockState {
    return {
      trusted: Math.abs(this.#offset) <= CLOCK_TOLERANCE_MS,
      offsetMs: Math.round(this.#offset),
      jumps: this.#jumps,
      lastJumpAt: this.#lastJumpAt,
    };
  }
}
