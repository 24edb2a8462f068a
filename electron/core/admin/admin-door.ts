// The admin screen's lock. The PIN is checked, and wrong attempts are limited, here in the
// core: the page can be reloaded or tampered with, the core cannot.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AdminUnlockResult } from '../../shared/admin-api.js';
import type { KioskConfig } from '../config/schema.js';
import { KioskError } from '../session/kiosk-error.js';

/** The schema's default PIN; it opens the admin screen of the built-in example office only. */
export const DEFAULT_ADMIN_PIN = '0000';

/** The PIN that opens the admin screen, or null while a real office still has the default one. */
export function adminPinInForce(config: Pick<KioskConfig, 'admin' | 'office'>): string | null {
  return config.admin.pin === DEFAULT_ADMIN_PIN && !config.office.example ? null : config.admin.pin;
}

export interface AdminDoorOptions {
  pin: string | null;
  /** Wrong PINs in a row before the door locks. */
  maxAttempts?: number;
  lockMs?: number;
  /** An admin session ends this long after its last use. */
  sessionMs?: number;
  now?: () => number;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

export class AdminDoor {
  readonly maxAttempts: number;
  readonly lockMs: number;
  readonly sessionMs: number;
  readonly #pin: Buffer | null;
  readonly #now: () => number;
  readonly #sessions = new Map<string, number>();
  #wrong = 0;
  #lockedUntil = 0;

  constructor(options: AdminDoorOptions) {
    this.#pin = options.pin === null ? null : digest(options.pin);
    this.maxAttempts = options.maxAttempts ?? 5;
    this.lockMs = options.lockMs ?? 5 * 60_000;
    this.sessionMs = options.sessionMs ?? 5 * 60_000;
    this.#now = options.now ?? Date.now;
  }

  unlock(pin: string): AdminUnlockResult {
    const now = this.#now();
    if (this.#pin === null) return { ok: false, reason: 'pin-not-set' };
    if (now < this.#lockedUntil) return { ok: false, reason: 'locked', lockedUntil: this.#lockedUntil };
    // Digests have equal length, so the comparison takes the same time whatever was typed.
    if (!timingSafeEqual(digest(pin), this.#pin)) {
      this.#wrong += 1;
      if (this.#wrong < this.maxAttempts) return { ok: false, reason: 'wrong-pin', attemptsLeft: this.maxAttempts - this.#wrong };
      this.#wrong = 0;
      this.#lockedUntil = now + this.lockMs;
      return { ok: false, reason: 'locked', lockedUntil: this.#lockedUntil };
    }
    this.#wrong = 0;
    const adminSession = randomBytes(24).toString('base64url');
    const expiresAt = now + this.sessionMs;
    this.#sessions.set(adminSession, expiresAt);
    return { ok: true, adminSession, expiresAt };
  }

  /** Throws unless `adminSession` is live; each use keeps it alive for another `sessionMs`. */
  enter(adminSession: string): void {
    const now = this.#now();
    for (const [id, expiresAt] of this.#sessions) if (expiresAt <= now) this.#sessions.delete(id);
    if (!this.#sessions.has(adminSession)) {
      throw new KioskError('invalid-state', 'the admin screen is locked: enter the PIN again');
    }
    this.#sessions.set(adminSession, now + this.sessionMs);
  }

  lock(adminSession: string): void {
    this.#sessions.delete(adminSession);
  }
}
