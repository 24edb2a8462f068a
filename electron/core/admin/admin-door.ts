// The admin screen's lock. The PIN is checked, and wrong attempts are limited, here in the
// core: the page can be reloaded or tampered with, the core cannot. The count of wrong
// attempts is kept in the settings, so a restart neither forgives nor shortens a lock-out.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { AdminUnlockResult } from '../../shared/admin-api.js';
import type { KioskConfig } from '../config/schema.js';
import type { SettingsStore } from '../kiosk-core.js';
import { KioskError } from '../session/kiosk-error.js';
import { pinOpens, type PinLock } from './pin-lock.js';

/** The schema's default PIN; it opens the admin screen of the built-in example office only. */
export const DEFAULT_ADMIN_PIN = '0000';
export const ADMIN_ATTEMPTS_SETTING = 'adminAttempts';

/** The PIN that opens the admin screen, or null while a real office still has the default one. */
export function adminPinInForce(config: Pick<KioskConfig, 'admin' | 'office'>): string | null {
  return config.admin.pin === DEFAULT_ADMIN_PIN && !config.office.example ? null : config.admin.pin;
}

const attemptsSchema = z
  .object({
    /** Wrong PINs since the last right one or lock-out. */
    wrong: z.number().int().nonnegative(),
    /** Lock-outs since the last right PIN: each one waits twice as long as the one before. */
    lockouts: z.number().int().nonnegative(),
    lockedUntil: z.number().nonnegative(),
  })
  .strict();
type Attempts = z.infer<typeof attemptsSchema>;

/** What the door writes to the ledger, before it answers. */
export type AdminDoorEvent =
  | { type: 'admin.unlocked'; failedAttempts: number }
  | { type: 'admin.locked-out'; failedAttempts: number; lockedUntil: string };

export interface AdminDoorOptions {
  /** The PIN in force, the remembered PIN's hash, or null (the admin screen stays closed). */
  pin: string | PinLock | null;
  /** Where the count of wrong PINs survives a restart; without it, memory only. */
  settings?: SettingsStore;
  /** Writes an unlock or lock-out to the ledger; an unlock that cannot be recorded is refused. */
  record?: (event: AdminDoorEvent) => Promise<void>;
  /** Wrong PINs in a row before the door locks. */
  maxAttempts?: number;
  /** The first lock-out; each further one doubles, up to `maxLockMs`. */
  lockMs?: number;
  maxLockMs?: number;
  /** An admin session ends this long after its last use. */
  sessionMs?: number;
  now?: () => number;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function opens(pin: string | PinLock, typed: string): boolean {
  // Digests have equal length, so the comparison takes the same time whatever was typed.
  return typeof pin === 'string' ? timingSafeEqual(digest(typed), digest(pin)) : pinOpens(pin, typed);
}

export class AdminDoor {
  readonly maxAttempts: number;
  readonly lockMs: number;
  readonly maxLockMs: number;
  readonly sessionMs: number;
  readonly #pin: string | PinLock | null;
  readonly #settings: SettingsStore | undefined;
  readonly #record: (event: AdminDoorEvent) => Promise<void>;
  readonly #now: () => number;
  readonly #sessions = new Map<string, number>();
  #attempts: Attempts;

  constructor(options: AdminDoorOptions) {
    this.#pin = options.pin;
    this.#settings = options.settings;
    this.#record = options.record ?? (async () => undefined);
    this.maxAttempts = options.maxAttempts ?? 5;
    this.lockMs = options.lockMs ?? 5 * 60_000;
    this.maxLockMs = options.maxLockMs ?? 24 * 60 * 60_000;
    this.sessionMs = options.sessionMs ?? 5 * 60_000;
    this.#now = options.now ?? Date.now;
    const stored = attemptsSchema.safeParse(options.settings?.get(ADMIN_ATTEMPTS_SETTING));
    // A mangled count is read as a fresh lock-out rather than as no failures at all.
    const mangled = options.settings?.get(ADMIN_ATTEMPTS_SETTING) !== undefined && !stored.success;
    this.#attempts = stored.success
      ? stored.data
      : { wrong: 0, lockouts: mangled ? 1 : 0, lockedUntil: mangled ? this.#now() + this.lockMs : 0 };
  }

  async unlock(pin: string): Promise<AdminUnlockResult> {
    const now = this.#now();
    if (this.#pin === null) return { ok: false, reason: 'pin-not-set' };
    const { lockedUntil } = this.#attempts;
    if (now < lockedUntil) return { ok: false, reason: 'locked', lockedUntil };
    if (!opens(this.#pin, pin)) return this.#wrongPin(now);
    const failedAttempts = this.#attempts.wrong;
    await this.#record({ type: 'admin.unlocked', failedAttempts });
    this.#keep({ wrong: 0, lockouts: 0, lockedUntil: 0 });
    const adminSession = randomBytes(24).toString('base64url');
    const expiresAt = now + this.sessionMs;
    this.#sessions.set(adminSession, expiresAt);
    return { ok: true, adminSession, expiresAt };
  }

  async #wrongPin(now: number): Promise<AdminUnlockResult> {
    const wrong = this.#attempts.wrong + 1;
    if (wrong < this.maxAttempts) {
      this.#keep({ ...this.#attempts, wrong });
      return { ok: false, reason: 'wrong-pin', attemptsLeft: this.maxAttempts - wrong };
    }
    const lockouts = this.#attempts.lockouts + 1;
    const lockedUntil = now + Math.min(this.lockMs * 2 ** Math.min(lockouts - 1, 30), this.maxLockMs);
    this.#keep({ wrong: 0, lockouts, lockedUntil });
    await this.#record({ type: 'admin.locked-out', failedAttempts: wrong, lockedUntil: new Date(lockedUntil).toISOString() });
    return { ok: false, reason: 'locked', lockedUntil };
  }

  #keep(attempts: Attempts): void {
    this.#attempts = attempts;
    this.#settings?.set(ADMIN_ATTEMPTS_SETTING, attempts);
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
