// The staff console checks a pause reason before sending it with `staffWordsProblem`;
// the kiosk checks it with `pauseBody`. What the console sends for a reason it lets through
// the kiosk takes; a reason it stops, the kiosk would refuse as typed.
import { describe, expect, it } from 'vitest';
import { pauseBody } from '../../../electron/shared/staff-protocol.js';
import { STAFF_TEXT_MAX, staffWordsProblem } from '../../../electron/shared/staff-words.js';
import { randomText } from '../../support/staff-fuzz-cases.js';
import { seededRandom } from '../../support/seeded-random.js';

const max = STAFF_TEXT_MAX.pauseReason;

/** What the console would send for this reason: nothing for a blank one, else the trimmed words. */
function sent(reason: string): { reason?: string } {
  return reason.trim() === '' ? {} : { reason: reason.trim() };
}

describe('staffWordsProblem (pause reason)', () => {
  it('names the problem the kiosk would refuse', () => {
    expect(staffWordsProblem('電話のため', max)).toBeNull();
    expect(staffWordsProblem('<img src=x onerror=alert(1)>', max)).toBeNull();
    expect(staffWordsProblem('right\u202Eleft', max)).toBe('hidden-character');
    expect(staffWordsProblem('zero\u200Bwidth', max)).toBe('hidden-character');
    expect(staffWordsProblem('tab\there', max)).toBe('hidden-character');
    expect(staffWordsProblem('line\u2028break', max)).toBe('hidden-character');
    expect(staffWordsProblem('あ'.repeat(max), max)).toBeNull();
    expect(staffWordsProblem('あ'.repeat(max + 1), max)).toBe('too-long');
    // Trimmed first, as the kiosk does.
    expect(staffWordsProblem(` ${'a'.repeat(max)} `, max)).toBeNull();
  });

  it('agrees with the kiosk on seeded random reasons', () => {
    const r = seededRandom(10);
    for (let run = 0; run < 500; run += 1) {
      const reason = r.chance(0.1) ? 'x'.repeat(r.int(max - 2, max + 2)) : randomText(r, 40);
      if (staffWordsProblem(reason, max) === null) expect(pauseBody.safeParse(sent(reason)).success, JSON.stringify(reason)).toBe(true);
      else expect(pauseBody.safeParse({ reason }).success, JSON.stringify(reason)).toBe(false);
    }
  });
});
