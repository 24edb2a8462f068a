// Who may talk to the staff link: the pairing token, compared in constant time, and a
// per-address slow-down after repeated failures so a token cannot be guessed.
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
  firstAt: number;
  blockedUntil: number;
}

/** After `allowed` failures within `windowMs`, an address is refused for a doubling period. */
export class FailureLimiter {
  private readonly failures = new Map<string, Failures>();

  constructor(
    private readonly allowed = 5,
    private readonly windowMs = 60_000,
    private readonly baseBlockMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  isBlocked(address: string): boolean {
    const entry = this.failures.get(address);
    return entry !== undefined && entry.blockedUntil > this.now();
  }

  fail(address: string): void {
    const now = this.now();
    let entry = this.failures.get(address);
    if (!entry || now - entry.firstAt > this.windowMs) {
      entry = { count: 0, firstAt: now, blockedUntil: 0 };
      this.failures.set(address, entry);
    }
    entry.count += 1;
    if (entry.count >= this.allowed) {
      const doublings = Math.min(entry.count - this.allowed, 6);
      entry.blockedUntil = now + this.baseBlockMs * 2 ** doublings;
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
