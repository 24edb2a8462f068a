// How text is shaped for espeak-ng before it is spoken: pure functions, no speech tools needed.
import { describe, expect, it } from 'vitest';
import { burmeseClauses, espeakInput, withLatinVoice } from '../../../scripts/audio/voices.js';

describe('withLatinVoice', () => {
  it('gives URLs and English words to the English voice and the rest to the language\'s voice', () => {
    expect(withLatinVoice('扫描 QR 码或访问 https://example.org/recording-policy，即可查看。', 'cmn-latn-pinyin', 'en-us')).toBe(
      '<speak><voice name="cmn-latn-pinyin">扫描 </voice><voice name="en-us">QR</voice>' +
        '<voice name="cmn-latn-pinyin"> 码或访问 </voice><voice name="en-us">https://example.org/recording-policy</voice>' +
        '<voice name="cmn-latn-pinyin">，即可查看。</voice></speak>',
    );
  });

  it('keeps an English sentence, apostrophes and commas included, in one run, and escapes markup', () => {
    expect(withLatinVoice("보관: visitors' privacy, and <staff> & records", 'ko', 'en-us')).toBe(
      '<speak><voice name="ko">보관: </voice><voice name="en-us">visitors\' privacy, and</voice>' +
        '<voice name="ko"> &lt;</voice><voice name="en-us">staff</voice><voice name="ko">&gt; &amp; </voice>' +
        '<voice name="en-us">records</voice></speak>',
    );
  });
});

describe('burmeseClauses', () => {
  it('breaks long Burmese text into clauses espeak-ng can speak (it aborts on about 130 characters)', () => {
    const phrase = 'မှတ်တမ်းတင်ပါသည်';
    const text = Array.from({ length: 20 }, () => phrase).join(' ');
    const clauses = burmeseClauses(text).split(', ');
    expect(clauses.length).toBeGreaterThan(1);
    for (const clause of clauses) expect(clause.length).toBeLessThanOrEqual(60);
    expect(burmeseClauses(text).replace(/, /g, ' ')).toBe(text);
  });

  it('leaves short text alone', () => {
    expect(burmeseClauses('ဤကောင်တာ မှတ်တမ်း')).toBe('ဤကောင်တာ မှတ်တမ်း');
  });
});

describe('espeakInput', () => {
  it('passes Latin-script languages through as plain text', () => {
    expect(espeakInput('vi', 'Đọc to https://x.org', { voice: 'vi' })).toEqual({ text: 'Đọc to https://x.org', ssml: false });
  });
});
