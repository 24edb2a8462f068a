// The staff console says why a staff-typed field was not sent, naming the field, in both of
// its languages, for each problem the shared check can find.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../../locales/en/staff.json' with { type: 'json' };
import ja from '../../../locales/ja/staff.json' with { type: 'json' };
import { CONSOLE_WORDS_FIELDS, STAFF_TEXT_MAX, type StaffWordsProblem } from '../../../electron/shared/staff-words.js';

const FIELDS = CONSOLE_WORDS_FIELDS;
const PROBLEMS: StaffWordsProblem[] = ['hidden-character', 'too-long'];

describe('staff words messages', () => {
  it.each(['ja', 'en'] as const)('name the field and the limit in %s', async (language) => {
    const text = i18next.createInstance();
    await text.init({ resources: { ja: { staff: ja }, en: { staff: en } }, ns: ['staff'], defaultNS: 'staff', lng: language, interpolation: { escapeValue: false } });
    const names = new Set<string>();
    for (const field of FIELDS) {
      const key = `words.field.${field}`;
      expect(text.exists(key), key).toBe(true);
      const name = text.t(key);
      names.add(name);
      for (const problem of PROBLEMS) {
        const message = text.t(`words.problem.${problem}`, { field: name, max: STAFF_TEXT_MAX[field] });
        expect(message).toContain(name);
        expect(message).not.toMatch(/\{\{|\}\}/);
        if (problem === 'too-long') expect(message).toContain(String(STAFF_TEXT_MAX[field]));
      }
    }
    // Each field has a name of its own, so a message cannot point at the wrong one.
    expect(names.size).toBe(FIELDS.length);
  });
});
