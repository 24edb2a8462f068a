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

/** head.json as it is once the ledger's pending file work has run (real I/O, no timers). */
async function anchorOnDisk(): Promise<number | null> {
  for (let turn = 0; turn < 200; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
  const anchor = await readHeadAnchor(temp.dir);
  if (typeof anchor === 'string') throw new Error(anchor);
  return anchor?.seq ?? null;
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
    expect(await anchorOnDisk()).toBeNull();
    vi.advanceTimersByTime(100);
    expect(await anchorOnDisk()).toBe(20);
  });

  it('is at most a second behind a kiosk that never pauses for 100 ms', async () => {
    await stream(30, 40); // 1.2 s
    const seq = await anchorOnDisk();
    // Written at the one-second mark (the 26th record), not left for the first quiet moment.
    expect(seq).not.toBeNull();
    expect(seq!).toBeGreaterThanOrEqual(25);
    expect(seq!).toBeLessThan(30);
  });
});
