// When head.json is rewritten: in a quiet moment after the records it covers (so its write
// stays off the path of the next tap's fdatasync), but never more than a second behind a
// kiosk that writes without pause. Time is vitest's; the files are real.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readHeadAnchor } from '../../../electron/core/ledger/head-anchor.js';
import type { ConsentLedger } from '../../../electron/core/ledger/consent-ledger.js';
import { makeTempLedger, type TempLedger } from './temp-ledger.js';

let temp: TempLedger;
let ledger: ConsentLedger;
beforeEach(async () => {
  temp = await makeTempLedger();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  ledger = await temp.open();
});
afterEach(async () => {
  vi.useRealTimers();
  await ledger.close();
  await temp.cleanup();
});

/**
 * head.json once the ledger's file work has had its turn: real I/O, so real time (the clock
 * vitest fakes is only the ledger's timers). Waits up to `waitMs` for one to appear.
 */
async function anchorOnDisk(waitMs: number): Promise<number | null> {
  const until = Date.now() + waitMs;
  for (;;) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const anchor = await readHeadAnchor(temp.dir);
    if (typeof anchor === 'string') throw new Error(anchor);
    if (anchor !== null || Date.now() > until) return anchor?.seq ?? null;
  }
}

/** One record every `gapMs`, `count` times; the seq of the last. */
async function stream(count: number, gapMs: number): Promise<number> {
  let seq = 0;
  for (let i = 0; i < count; i++) {
    seq = (await ledger.append('session.ended', `s${i}`, { reason: 'staff' })).seq;
    vi.advanceTimersByTime(gapMs);
  }
  return seq;
}

describe('head.json timing', () => {
  it('is written once 100 ms pass without a record, not while records keep coming', async () => {
    await stream(20, 40); // 800 ms, never 100 ms apart
    expect(await anchorOnDisk(200)).toBeNull();
    vi.advanceTimersByTime(100);
    expect(await anchorOnDisk(5000)).toBe(20);
  });

  it('is at most a second behind a kiosk that never pauses for 100 ms', async () => {
    await stream(30, 40); // 1.2 s
    const seq = await anchorOnDisk(5000);
    // Written at the one-second mark (the 26th record), not left for the first quiet moment.
    expect(seq).not.toBeNull();
    expect(seq!).toBeGreaterThanOrEqual(25);
    expect(seq!).toBeLessThan(30);
  });
});
