// The staff console checks every staff-typed field (name, override reason, pause reason)
// before sending it with `staffWordsProblem`; the kiosk checks the same words with the
// staff-protocol bodies. What the console sends for words it lets through the kiosk takes;
// words it stops, the kiosk would refuse as typed.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { endBody, overrideBody, pauseBody, sessionStartBody } from '../../../electron/shared/staff-protocol.js';
import {
  STAFF_TEXT_MAX,
  staffWordsLength,
  staffWordsProblem,
  staffWordsToSend,
  type StaffWordsField,
} from '../../../electron/shared/staff-words.js';
import { randomText } from '../../support/staff-fuzz-cases.js';
import { seededRandom } from '../../support/seeded-random.js';

/** The body the kiosk checks each field in, holding these words. */
const kioskBody: Record<StaffWordsField, { schema: z.ZodType; body: (words: string) => object }> = {
  staffName: { schema: sessionStartBody, body: (staffName) => ({ staffName }) },
  overrideReason: { schema: overrideBody, body: (reason) => ({ reason }) },
  endReason: { schema: endBody, body: (reason) => ({ reason }) },
  pauseReason: { schema: pauseBody, body: (reason) => ({ reason }) },
};
const FIELDS = Object.keys(STAFF_TEXT_MAX) as StaffWordsField[];

const kioskTakes = (field: StaffWordsField, words: string) => kioskBody[field].schema.safeParse(kioskBody[field].body(words)).success;

describe('staffWordsProblem', () => {
  it.each(FIELDS)('names what the kiosk would refuse in %s', (field) => {
    const max = STAFF_TEXT_MAX[field];
    const hostile = {
      'zero-width space': 'zero\u200Bwidth',
      'right-to-left override': 'right\u202Eleft',
      NUL: 'nul\u0000here',
      'another C0 control (BEL)': 'bell\u0007',
      tab: 'tab\there',
      newline: 'two\nlines',
      'line separator': 'line\u2028break',
      'byte order mark (trimmed by trim(), refused first)': '\uFEFF佐藤',
      'lone high surrogate': 'half\uD83D',
      'lone low surrogate': '\uDE00half',
    };
    for (const [what, words] of Object.entries(hostile)) {
      expect(staffWordsProblem(field, words), what).toBe('hidden-character');
      expect(kioskTakes(field, words), what).toBe(false);
    }

    expect(staffWordsProblem(field, '電話のため')).toBeNull();
    expect(staffWordsProblem(field, '<img src=x onerror=alert(1)>'.slice(0, max))).toBeNull();
    // A whole emoji is two UTF-16 code units, as the kiosk counts; not a lone surrogate.
    expect(staffWordsProblem(field, '😀')).toBeNull();

    // One over the limit, counted as the kiosk counts: code units, after trimming.
    expect(staffWordsProblem(field, 'あ'.repeat(max))).toBeNull();
    expect(kioskTakes(field, 'あ'.repeat(max))).toBe(true);
    expect(staffWordsProblem(field, 'あ'.repeat(max + 1))).toBe('too-long');
    expect(kioskTakes(field, 'あ'.repeat(max + 1))).toBe(false);
    expect(staffWordsProblem(field, '😀'.repeat(max / 2) + 'a')).toBe('too-long');
    expect(staffWordsLength(` ${'a'.repeat(max)}  `)).toBe(max);
    expect(staffWordsProblem(field, ` ${'a'.repeat(max)}  `)).toBeNull();
    expect(kioskTakes(field, ` ${'a'.repeat(max)}  `)).toBe(true);
  });

  it('holds each field to its own limit from the one table', () => {
    expect(staffWordsProblem('staffName', 'a'.repeat(STAFF_TEXT_MAX.staffName + 1))).toBe('too-long');
    expect(staffWordsProblem('overrideReason', 'a'.repeat(STAFF_TEXT_MAX.staffName + 1))).toBeNull();
    expect(staffWordsProblem('endReason', 'a'.repeat(STAFF_TEXT_MAX.endReason + 1))).toBe('too-long');
  });
});

describe('staffWordsToSend', () => {
  it('sends the words as the kiosk keeps them: trimmed, and nothing for spaces only', () => {
    expect(staffWordsToSend('  佐藤 ')).toBe('佐藤');
    expect(staffWordsToSend('目的を説明し、了解を得た')).toBe('目的を説明し、了解を得た');
    expect(staffWordsToSend('   ')).toBeUndefined();
    expect(staffWordsToSend('')).toBeUndefined();
  });
});

describe('the console and the kiosk agree on seeded random words', () => {
  it.each(FIELDS)('%s', (field) => {
    const max = STAFF_TEXT_MAX[field];
    const r = seededRandom(10);
    for (let run = 0; run < 500; run += 1) {
      const words = r.chance(0.1) ? ' '.repeat(r.int(0, 2)) + 'x'.repeat(r.int(max - 2, max + 2)) : randomText(r, 40);
      const label = `${field} ${JSON.stringify(words)} (seed ${r.seed})`;
      const send = staffWordsToSend(words);
      if (staffWordsProblem(field, words) !== null) expect(kioskTakes(field, words), label).toBe(false);
      else if (send !== undefined) expect(kioskTakes(field, send), label).toBe(true);
      // Spaces only: the console leaves the field out (a required override reason is asked for instead).
      else expect(kioskBody[field].schema.safeParse({}).success, label).toBe(field !== 'overrideReason');
    }
  });
});
