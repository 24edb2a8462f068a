// The staff link sends each new record's `event` frame around the ledger's own line: the text
// must be exactly the frame it would serialise itself, for any staff text the ledger takes.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsentLedger } from '../../../electron/core/ledger/consent-ledger.js';
import { eventFrameOfLine, eventFrameText } from '../../../electron/core/staff-link/staff-socket.js';
import type { LedgerRecord } from '../../../electron/shared/events.js';
import { makeTempLedger, type TempLedger } from '../ledger/temp-ledger.js';

let temp: TempLedger;
let ledger: ConsentLedger;
beforeEach(async () => {
  temp = await makeTempLedger('2026-12-03T10:00:00.000Z');
  ledger = await ConsentLedger.open({ dir: temp.dir, kioskId: 'kiosk-a', counterId: 'counter-1', now: () => temp.clock.now });
});
afterEach(async () => {
  await ledger.close();
  await temp.cleanup();
});

describe('event frames from ledger lines', () => {
  it('are the frame the staff link would serialise, whatever the staff typed', async () => {
    const seen: Array<{ record: LedgerRecord; line: string }> = [];
    ledger.onAppend((record, _batchEnds, line) => seen.push({ record, line }));
    await fc.assert(
      fc.asyncProperty(fc.option(fc.string({ unit: 'binary', maxLength: 40 }).filter((text) => text.length <= 40), { nil: null }), async (staffName) => {
        seen.length = 0;
        await ledger.append('session.started', 's-1', { by: 'staff', staffName, recording: 'audio' });
        const [{ record, line }] = seen as [{ record: LedgerRecord; line: string }];
        expect(eventFrameOfLine(line)).toBe(eventFrameText(record));
        expect(JSON.parse(eventFrameOfLine(line))).toEqual({ type: 'event', event: { ...record } });
      }),
      { numRuns: 60 },
    );
  });
});
