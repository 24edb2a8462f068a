// The resident's tap confirms they read the notice; it is not consent. No text a resident
// or a staff member reads may call it agreement or consent, in any language.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flatten } from '../../../electron/core/notice/locale-check.js';
import { LANGUAGE_CODES, type LanguageCode } from '../../../electron/shared/languages.js';
import { ROOT } from '../../support/kiosk-process.js';

/** Words for consent or agreement, as each language's readers would take them. */
const CONSENT_WORDS: Record<LanguageCode, RegExp> = {
  ja: /同意|了承|承諾|合意/,
  'ja-x-easy': /同意|了承|承諾|合意/,
  en: /\bconsent|\bagree/i,
  es: /consenti|consiento|de acuerdo|acepto|aceptar/i,
  'pt-BR': /consentimento|consinto|concordo|concordar|aceito/i,
  fil: /sang-ayon|pumapayag|pagpayag|consent/i,
  id: /setuju|persetujuan/i,
  vi: /đồng ý|chấp thuận/i,
  th: /ยินยอม|ตกลง|เห็นด้วย/,
  my: /သဘောတူ/,
  ne: /सहमति|मञ्जुर/,
  ko: /동의|승낙/,
  'zh-Hans': /同意|认可|承诺/,
  'zh-Hant': /同意|認可|承諾/,
};

async function texts(code: string, file: string): Promise<Map<string, string>> {
  try {
    return flatten(JSON.parse(await readFile(join(ROOT, 'locales', code, file), 'utf8')));
  } catch {
    return new Map();
  }
}

describe('the acknowledgement is never called consent', () => {
  it.each(LANGUAGE_CODES)('%s: no resident-facing or staff-facing text uses a word for consent or agreement', async (code) => {
    const found: string[] = [];
    for (const file of ['ui.json', 'notice.json', 'staff.json']) {
      for (const [key, text] of await texts(code, file)) {
        if (CONSENT_WORDS[code].test(text)) found.push(`${file}: ${key}: ${text}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('the word lists catch what they are for', () => {
    expect(CONSENT_WORDS.ja.test('住民の方の了承により記録を開始しました。')).toBe(true);
    expect(CONSENT_WORDS.en.test('By tapping you agree to the recording.')).toBe(true);
    expect(CONSENT_WORDS.ko.test('녹음에 동의합니다')).toBe(true);
  });
});
