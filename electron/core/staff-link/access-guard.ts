// Who may talk to the staff link: the pairing token, compared in constant time, and a
// per-address slow-down after repeated failures, remembered for hours, so a token cannot be guessed.
import { createHash, timingSafeEqual } from 'node:crypto';

export function tokenMatches(expected: string, given: string | undefined | null): boolean {
  if (!given) return false;
  // Hashing first makes the comparison constant-time whatever the lengths.
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

export function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1] ?? null;
}

interface Failures {
  count: number;
  lastAt: number;
  blockedUntil: number;
}

export const FAILURE_MEMORY_MS = 6 * 60 * 60_000;
export const MAX_BLOCK_MS = 60 * 60_000;

/**
 * After `allowed` failures an address is refused for a period that doubles with each further
 * failure, up to an hour. Failures are forgotten only `windowMs` (hours) after the last one, so
 * a guesser who waits out each block still meets a longer one.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, Failures>();

  constructor(
    private readonly allowed = 5,
    private readonly windowMs = FAILURE_MEMORY_MS,
    private readonly baseBlockMs = 10_000,
    private readonly now: () => number = Date.now,
    private readonly maxBlockMs = MAX_BLOCK_MS,
  ) {}

  isBlocked(address: string): boolean {
    const entry = this.failures.get(address);
    return entry !== undefined && entry.blockedUntil > this.now();
  }

  fail(address: string): void {
    const now = this.now();
    let entry = this.failures.get(address);
    // A clock that went back counts as no time passed: it never shortens the memory.
    if (!entry || now - entry.lastAt > this.windowMs) {
      entry = { count: 0, lastAt: now, blockedUntil: 0 };
    }
    // Re-inserted so that the map's order is by last failure, and the oldest is forgotten first.
    this.failures.delete(address);
    this.failures.set(address, entry);
    entry.count += 1;
    entry.lastAt = Math.max(entry.lastAt, now);
    if (entry.count >= this.allowed) {
      const doublings = Math.min(entry.count - this.allowed, 30);
      entry.blockedUntil = Math.max(entry.blockedUntil, now + Math.min(this.baseBlockMs * 2 ** doublings, this.maxBlockMs));
    }
    if (this.failures.size > 10_000) this.forgetOldest();
  }

  succeed(address: string): void {
    this.failures.delete(address);
  }

  private forgetOldest(): void {
    const oldest = this.failures.keys().next();
    if (!oldest.done) this.failures.delete(oldest.value);
  }
}
