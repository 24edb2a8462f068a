// Every record's id is a UUIDv7 (ledger.md) carrying the record's own millisecond, and no two
// are alike.
import fc from 'fast-check';
import { validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { ConsentLedger } from '../../../electron/core/ledger/consent-ledger.js';
import { newRecordId } from '../../../electron/core/ledger/record-id.js';
import { makeTempLedger } from './temp-ledger.js';

/** The Unix milliseconds in a UUIDv7's first 48 bits. */
const timeOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('record ids', () => {
  it('are UUIDv7 with the RFC 9562 variant and the given millisecond, for any time a clock can read', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff_ffff_ffff }), (ms) => {
        const id = newRecordId(ms);
        expect(validate(id)).toBe(true);
        expect(version(id)).toBe(7);
        expect('89ab').toContain(id[19]);
        expect(timeOf(id)).toBe(ms);
      }),
    );
  });

  it('differ within one millisecond', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newRecordId(1_764_000_000_000)));
    expect(ids.size).toBe(10_000);
  });

  it('carry the time of the record they name', async () => {
    const temp = await makeTempLedger('2026-11-15T09:00:00.123Z');
    const ledger = await ConsentLedger.open({ dir: temp.dir, kioskId: 'kiosk-a', counterId: 'counter-1', now: () => temp.clock.now });
    try {
      const [acknowledged, started] = await ledger.appendTogether([
        { type: 'consent.acknowledged', sessionId: 's-1', payload: { language: 'ja', noticeVersion: `sha256:${'a'.repeat(64)}`, elapsedMs: 900 } },
        { type: 'logging.start', sessionId: 's-1', payload: { by: 'acknowledgement', recording: 'audio' } },
      ]);
      for (const record of [acknowledged!, started!]) expect(timeOf(record.id)).toBe(Date.parse(record.ts));
      expect(acknowledged!.id).not.toBe(started!.id);
    } finally {
      await ledger.close();
      await temp.cleanup();
    }
  });
});
