// Clock leaps both ways (up to a year, across month and year boundaries), mixed with disk
// failures and reopening the ledger, as fast-check operation sequences (fixed seed, bounded
// runs): every append that resolved is kept, seq and file order agree, record times never go
// back, and the ledger verifies after every reopen.
import fc from 'fast-check';
import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ConsentLedger } from '../../electron/core/ledger/consent-ledger.js';
import { verifyLedger } from '../../electron/core/ledger/verify-ledger.js';
import { failingDisk } from '../support/failing-disk.js';
import { ledgerLines } from '../support/ledger-lines.js';
import { makeTempLedger } from '../unit/ledger/temp-ledger.js';

const DAY = 86_400_000;
type Step =
  | { kind: 'leap'; ms: number }
  | { kind: 'pass'; ms: number }
  | { kind: 'append' }
  | { kind: 'failing-append' }
  | { kind: 'reopen' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('leap' as const), ms: fc.integer({ min: -400 * DAY, max: 400 * DAY }) }),
  fc.record({ kind: fc.constant('pass' as const), ms: fc.integer({ min: 0, max: 40 * DAY }) }),
  fc.constant({ kind: 'append' as const }),
  fc.constant({ kind: 'failing-append' as const }),
  fc.constant({ kind: 'reopen' as const }),
);

describe('fast-check: clock leaps with disk failures and restarts', () => {
  it('never loses, reorders or back-dates a record, and the ledger verifies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 25 }), async (steps) => {
        const temp = await makeTempLedger('2026-12-30T23:00:00.000Z');
        let boot = 0;
        const disk = failingDisk();
        const open = () =>
          ConsentLedger.open({ dir: temp.dir, kioskId: 'kiosk-a', counterId: 'counter-1', now: () => temp.clock.now, sinceBoot: () => boot, files: disk.files });
        let ledger = await open();
        const kept: string[] = [];
        try {
          for (const next of steps) {
            if (next.kind === 'leap') temp.clock.now = new Date(temp.clock.now.getTime() + next.ms);
            if (next.kind === 'pass') {
              boot += next.ms;
              temp.clock.now = new Date(temp.clock.now.getTime() + next.ms);
            }
            if (next.kind === 'append') kept.push((await ledger.append('logging.stop', 's', { reason: 'staff' })).id);
            if (next.kind === 'failing-append') {
              disk.faults.syncFails = true;
              await expect(ledger.append('logging.stop', 's', { reason: 'idle' })).rejects.toMatchObject({ code: 'EIO' });
              disk.heal();
            }
            if (next.kind === 'reopen') {
              await ledger.close();
              expect(await verifyLedger(temp.dir)).toMatchObject({ ok: true });
              ledger = await open();
            }
          }
          await ledger.close();
          const records = (await ledgerLines(temp.dir)).map(({ line }) => JSON.parse(line) as { id: string; seq: number; ts: string; reason?: string });
          const ids = new Set(records.map((record) => record.id));
          expect(kept.filter((id) => !ids.has(id))).toEqual([]);
          expect(records.filter((record) => record.reason === 'idle')).toEqual([]);
          records.forEach((record, index) => {
            expect(record.seq).toBe(index + 1);
            if (index > 0) expect(record.ts >= records[index - 1]!.ts).toBe(true);
          });
          expect(await verifyLedger(temp.dir)).toMatchObject({ ok: true, events: records.length });
        } finally {
          await ledger.close().catch(() => undefined);
          await rm(temp.dataDir, { recursive: true, force: true });
        }
      }),
      { seed: 20261202, numRuns: 25 },
    );
  }, 120_000);
});
