// A clock that steps (set back, leaping ahead, reset by a dead RTC battery) is told from
// time passing by the time since boot: each step is recorded, record times never go back
// silently, and the ledger still verifies.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsentLedger } from '../../../electron/core/ledger/consent-ledger.js';
import { verifyLedger } from '../../../electron/core/ledger/verify-ledger.js';
import type { LedgerRecord } from '../../../electron/shared/events.js';
import { makeTempLedger, type TempLedger } from './temp-ledger.js';

const HOUR = 3_600_000;
let temp: TempLedger;
/** Milliseconds since boot: what really passes, whatever the wall clock says. */
let boot: number;

beforeEach(async () => {
  temp = await makeTempLedger('2026-11-15T09:00:00.000Z');
  boot = 0;
});
afterEach(async () => {
  await temp.cleanup();
});

function openWithBoot(): Promise<ConsentLedger> {
  return ConsentLedger.open({ dir: temp.dir, kioskId: 'kiosk-a', counterId: 'counter-1', now: () => temp.clock.now, sinceBoot: () => boot });
}

/** Both clocks move on by `ms`, as when time really passes. */
function pass(ms: number): void {
  boot += ms;
  temp.clock.now = new Date(temp.clock.now.getTime() + ms);
}

async function records(ledger: ConsentLedger): Promise<LedgerRecord[]> {
  return ledger.readAfter(0);
}

describe('the ledger and a clock that steps', () => {
  it('records a clock set back, keeps record times from going back, and distrusts the clock', async () => {
    const ledger = await openWithBoot();
    pass(HOUR);
    const before = await ledger.append('logging.stop', null, { reason: 'staff' });
    temp.clock.now = new Date(temp.clock.now.getTime() - 2 * HOUR);
    const after = await ledger.append('logging.stop', null, { reason: 'idle' });
    const all = await records(ledger);
    expect(all.map((r) => r.type)).toEqual(['logging.stop', 'clock.jumped', 'logging.stop']);
    expect(all[1]).toMatchObject({ offsetMs: -2 * HOUR, clockTs: '2026-11-15T08:00:00.000Z', ts: before.ts });
    expect(after.ts).toBe(before.ts);
    expect(ledger.clock).toMatchObject({ trusted: false, offsetMs: -2 * HOUR, jumps: 1, lastJumpAt: '2026-11-15T08:00:00.000Z' });
    await ledger.close();
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: true, events: 3 });
  });

  it('records a leap ahead and the correction back; times follow the corrected clock and it is trusted again', async () => {
    const ledger = await openWithBoot();
    await ledger.append('logging.stop', null, { reason: 'a' });
    pass(60_000);
    temp.clock.now = new Date('2036-11-15T09:01:00.000Z');
    const leaped = await ledger.append('logging.stop', null, { reason: 'b' });
    expect(ledger.clock.trusted).toBe(false);
    pass(60_000);
    temp.clock.now = new Date('2026-11-15T09:02:00.000Z');
    const fixed = await ledger.append('logging.stop', null, { reason: 'c' });
    expect(leaped.ts).toBe('2036-11-15T09:01:00.000Z');
    expect(fixed.ts).toBe('2026-11-15T09:02:00.000Z');
    const jumps = (await records(ledger)).filter((r) => r.type === 'clock.jumped');
    expect(jumps.map((r) => r.offsetMs)).toEqual([Date.parse('2036-11-15') - Date.parse('2026-11-15'), -(Date.parse('2036-11-15') - Date.parse('2026-11-15'))]);
    // The record going back in time is explained by the clock.jumped right before it.
    expect(jumps[1]).toMatchObject({ seq: fixed.seq - 1, ts: fixed.ts });
    expect(ledger.clock).toMatchObject({ trusted: true, offsetMs: 0, jumps: 2 });
    await ledger.close();
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: true, events: 5 });
  });

  it('catches a clock reset behind the ledger at start (a dead RTC battery) and keeps the newest time', async () => {
    let ledger = await openWithBoot();
    const last = await ledger.append('logging.stop', null, { reason: 'staff' });
    await ledger.close();
    temp.clock.now = new Date('1970-01-01T00:00:05.000Z');
    boot = 5000;
    ledger = await openWithBoot();
    const next = await ledger.append('kiosk.started', null, { version: '1', configVersion: 'x' });
    const all = await records(ledger);
    expect(all.map((r) => r.type)).toEqual(['logging.stop', 'clock.jumped', 'kiosk.started']);
    expect(all[1]).toMatchObject({ clockTs: '1970-01-01T00:00:05.000Z', offsetMs: Date.parse('1970-01-01T00:00:05.000Z') - Date.parse(last.ts) });
    expect(next.ts).toBe(last.ts);
    expect(ledger.clock.trusted).toBe(false);
    await ledger.close();
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: true, events: 3 });
  });

  it('notices a jump while nothing is written, and ignores small steps (NTP slewing)', async () => {
    const ledger = await openWithBoot();
    pass(HOUR);
    temp.clock.now = new Date(temp.clock.now.getTime() + 30_000);
    await ledger.checkClock();
    expect(ledger.lastSeq).toBe(0);
    temp.clock.now = new Date(temp.clock.now.getTime() + 3 * 24 * HOUR);
    await ledger.checkClock();
    expect(await records(ledger)).toMatchObject([{ type: 'clock.jumped', offsetMs: 3 * 24 * HOUR }]);
    expect(ledger.clock).toMatchObject({ trusted: false, jumps: 1 });
    await ledger.close();
  });
});
