// The office's own texts per language: each resident reads their language's entry; where
// there is none, the configured fallback stands in, and `doctor` and the admin screen say so.
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../electron/core/config/schema.js';
import { parseConfigText } from '../../../electron/core/config/load-config.js';
import { easyJapaneseOfficeProblems, officeTextGaps } from '../../../electron/core/config/office-text-gaps.js';
import { loadLocales } from '../../../electron/core/notice/locale-files.js';
import { renderNotice } from '../../../electron/core/notice/render-notice.js';
import type { Locale } from '../../../electron/core/notice/locale-files.js';
import { LANGUAGE_CODES } from '../../../electron/shared/languages.js';
import { join } from 'node:path';

const LOCALES = join(import.meta.dirname, '../../../locales');
const context = { staffName: null, recording: 'audio' as const };

const office = {
  office: {
    contact: {
      ja: '区民課（03-0000-0000）',
      'ja-x-easy': '{区民課|くみんか}（03-0000-0000）',
      en: 'Residents Division (03-0000-0000)',
      ne: 'नागरिक शाखा (03-0000-0000)',
    },
  },
};

describe('office text per language', () => {
  it("renders each resident's own entry, ruby included, and the version changes with it", async () => {
    const { locales } = await loadLocales(LOCALES);
    const config = configSchema.parse(office);
    const paragraph = (code: string) => renderNotice(locales.get(code as never) as Locale, config, context).text;
    expect(paragraph('ne')).toContain('नागरिक शाखा (03-0000-0000)');
    expect(paragraph('ne')).not.toContain('Residents Division');
    expect(paragraph('ja-x-easy')).toContain('{区民課|くみんか}（03-0000-0000）');
    const other = configSchema.parse({ office: { contact: { ...office.office.contact, ne: 'नागरिक शाखा (03-1111-1111)' } } });
    const ne = locales.get('ne') as Locale;
    expect(renderNotice(ne, other, context).version).not.toBe(renderNotice(ne, config, context).version);
    // Japanese and English did not change, so neither did their notices.
    const en = locales.get('en') as Locale;
    expect(renderNotice(en, other, context).version).toBe(renderNotice(en, config, context).version);
  });

  it('falls back as languages.officeTextFallback says, easy Japanese to Japanese first', async () => {
    const { locales } = await loadLocales(LOCALES);
    const contact = { ja: '区民課（03-0000-0000）', en: 'Residents Division (03-0000-0000)' };
    const byDefault = configSchema.parse({ office: { contact } });
    const vi = locales.get('vi') as Locale;
    expect(renderNotice(vi, byDefault, context).text).toContain('Residents Division');
    expect(renderNotice(locales.get('ja-x-easy') as Locale, byDefault, context).text).toContain('区民課（03-0000-0000）');
    const japaneseFirst = configSchema.parse({ office: { contact }, languages: { officeTextFallback: ['ja'] } });
    expect(renderNotice(vi, japaneseFirst, context).text).toContain('区民課（03-0000-0000）');
    expect(officeTextGaps(japaneseFirst, ['vi'])).toEqual([{ language: 'vi', field: 'office.contact', shownIn: 'ja' }]);
  });

  it('names every enabled language and field that would show another language, and nothing else', () => {
    const config = configSchema.parse({
      ...office,
      recording: { access: { ja: '区民課長', en: 'the division manager' } },
      languages: { enabled: ['ja', 'ja-x-easy', 'en', 'ne'] },
    });
    expect(officeTextGaps(config)).toEqual([
      { language: 'ja-x-easy', field: 'recording.access', shownIn: 'ja' },
      { language: 'ne', field: 'recording.access', shownIn: 'en' },
    ]);
    // The reason is not shown when residents may record, so it is no gap then.
    const reasonOnly = configSchema.parse({ residentRecording: { reason: { ja: '理由' } }, languages: { enabled: ['ja', 'th'] } });
    expect(officeTextGaps(reasonOnly)).toEqual([{ language: 'th', field: 'residentRecording.reason', shownIn: 'ja' }]);
    const allowed = configSchema.parse({ residentRecording: { allowed: true, reason: { ja: '理由' } }, languages: { enabled: ['ja', 'th'] } });
    expect(officeTextGaps(allowed)).toEqual([]);
  });

  it('ships the example office in every language, so the example never mixes languages', () => {
    expect(officeTextGaps(configSchema.parse({}), LANGUAGE_CODES)).toEqual([]);
    expect(easyJapaneseOfficeProblems(configSchema.parse({}), 'c.json')).toEqual([]);
  });

  it('refuses an unknown language code and broken ruby, naming the entry', () => {
    const { problems } = parseConfigText(JSON.stringify({ office: { name: { ja: '区役所', np: 'x', 'ja-x-easy': '{区役所|くやくしょ' } } }), 'c.json');
    expect(problems).toEqual([
      expect.stringMatching(/^c\.json: office\.name\.np: not a language code of the kiosk \(use one of ja, ja-x-easy, en, .*\)$/),
      expect.stringMatching(/^c\.json: office\.name\.ja-x-easy: unbalanced ruby markup/),
    ]);
    expect(parseConfigText(JSON.stringify({ office: { name: { en: 'x' } } }), 'c.json').problems).toEqual(['c.json: office.name: needs at least a "ja" entry']);
  });

  it('flags easy-Japanese entries with kanji a resident may not read', () => {
    const config = configSchema.parse({ office: { name: { ja: '港区役所', 'ja-x-easy': '港区役所' } } });
    expect(easyJapaneseOfficeProblems(config, 'c.json')).toEqual(['c.json: office.name.ja-x-easy: kanji without furigana: 港区役所 (write {港区役所|よみ})']);
  });
});
