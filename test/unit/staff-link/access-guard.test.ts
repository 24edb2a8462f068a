// Who may talk to the staff link: the token comparison and the per-address slow-down,
// on an injected clock so that block periods pass without waiting.
import { describe, expect, it } from 'vitest';
import { FailureLimiter, bearerToken, tokenMatches } from '../../../electron/core/staff-link/access-guard.js';

function limiterWithClock(): { limiter: FailureLimiter; advance(ms: number): void } {
  let now = 1_000_000;
  const limiter = new FailureLimiter(5, 60_000, 10_000, () => now);
  return { limiter, advance: (ms) => (now += ms) };
}

function failTimes(limiter: FailureLimiter, address: string, times: number): void {
  for (let i = 0; i < times; i++) limiter.fail(address);
}

describe('FailureLimiter', () => {
  it('blocks an address at the fifth failure, and only that address', () => {
    const { limiter } = limiterWithClock();
    failTimes(limiter, '192.0.2.7', 4);
    expect(limiter.isBlocked('192.0.2.7')).toBe(false);
    limiter.fail('192.0.2.7');
    expect(limiter.isBlocked('192.0.2.7')).toBe(true);
    expect(limiter.isBlocked('192.0.2.8')).toBe(false);
    expect(limiter.isBlocked('::ffff:192.0.2.7')).toBe(false);
  });

  it('lets the address in again once the block period has passed', () => {
    const { limiter, advance } = limiterWithClock();
    failTimes(limiter, '192.0.2.7', 5);
    advance(9_999);
    expect(limiter.isBlocked('192.0.2.7')).toBe(true);
    advance(1);
    expect(limiter.isBlocked('192.0.2.7')).toBe(false);
  });

  it('doubles the block for each further failure inside the window', () => {
    const { limiter, advance } = limiterWithClock();
    failTimes(limiter, '192.0.2.7', 5);
    advance(10_000);
    limiter.fail('192.0.2.7');
    advance(19_999);
    expect(limiter.isBlocked('192.0.2.7')).toBe(true);
    advance(1);
    expect(limiter.isBlocked('192.0.2.7')).toBe(false);
  });

  it('forgets failures older than the window, and forgets all on a success', () => {
    const { limiter, advance } = limiterWithClock();
    failTimes(limiter, '192.0.2.7', 4);
    advance(60_001);
    limiter.fail('192.0.2.7');
    expect(limiter.isBlocked('192.0.2.7')).toBe(false);
    failTimes(limiter, '192.0.2.9', 4);
    limiter.succeed('192.0.2.9');
    limiter.fail('192.0.2.9');
    expect(limiter.isBlocked('192.0.2.9')).toBe(false);
  });
});

describe('FailureLimiter with its defaults', () => {
  it('remembers failures for hours, so waiting out each block only meets a longer one, up to an hour', () => {
    let now = 1_000_000;
    const limiter = new FailureLimiter(undefined, undefined, undefined, () => now);
    failTimes(limiter, '192.0.2.7', 5);
    now += 2 * 60 * 60_000; // two hours later, one more guess
    limiter.fail('192.0.2.7');
    now += 19_999;
    expect(limiter.isBlocked('192.0.2.7')).toBe(true);
    for (let i = 0; i < 40; i += 1) {
      now += 60 * 60_000;
      limiter.fail('192.0.2.7');
    }
    now += 60 * 60_000 - 1;
    expect(limiter.isBlocked('192.0.2.7')).toBe(true);
    now += 1;
    expect(limiter.isBlocked('192.0.2.7')).toBe(false);
    now += 6 * 60 * 60_000 + 1; // six quiet hours: forgotten
    limiter.fail('192.0.2.7');
    expect(limiter.isBlocked('192.0.2.7')).toBe(false);
  });
});

describe('token checks', () => {
  const token = 'A'.repeat(43);

  it('accepts only the exact token, whatever the length of a wrong one', () => {
    expect(tokenMatches(token, token)).toBe(true);
    for (const wrong of [undefined, null, '', 'A', 'A'.repeat(42), 'A'.repeat(44), 'a'.repeat(43), `${token} `]) {
      expect(tokenMatches(token, wrong)).toBe(false);
    }
  });

  it('reads a bearer header and nothing else', () => {
    expect(bearerToken(`Bearer ${token}`)).toBe(token);
    expect(bearerToken(`bearer   ${token}  `)).toBe(token);
    for (const header of [undefined, '', 'Bearer', `Basic ${token}`, `Bearer ${token} extra`, token]) {
      expect(bearerToken(header)).toBeNull();
    }
  });
});
