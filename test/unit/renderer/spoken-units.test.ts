import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RenderedNotice } from '../../../electron/shared/kiosk-api.js';
import { spokenText, spokenUnits, unitHash } from '../../../renderer/kiosk/spoken-units.js';

const notice: RenderedNotice = {
  language: 'ja-x-easy',
  version: 'sha256:0',
  reviewed: false,
  title: 'この{窓口|まどぐち}では',
  sections: [
    { key: 'intro', heading: '', paragraphs: ['はじめに', '{声|こえ}だけ'] },
    { key: 'policy', heading: 'くわしいルール', paragraphs: ['QRコード'] },
  ],
  answers: { acknowledge: 'わかりました', question: '{質問|しつもん}があります' },
  policyUrl: 'https://example.org/',
  text: '',
};

describe('spokenUnits', () => {
  it('is the notice\'s strings in screen order, markup kept, without the intro\'s empty heading', () => {
    expect(spokenUnits(notice)).toEqual([
      'この{窓口|まどぐち}では',
      'はじめに',
      '{声|こえ}だけ',
      'くわしいルール',
      'QRコード',
      'わかりました',
      '{質問|しつもん}があります',
    ]);
  });
});

describe('spokenText', () => {
  it('speaks the ruby readings, which is what a listener needs', () => {
    expect(spokenText('この{窓口|まどぐち}では、{話|はなし}を{記録|きろく}します')).toBe('このまどぐちでは、はなしをきろくします');
  });

  it('leaves text without markup, and malformed markup, as it is', () => {
    expect(spokenText('We record the sound.')).toBe('We record the sound.');
    expect(spokenText('{|x} and {a|}')).toBe('{|x} and {a|}');
  });
});

describe('unitHash', () => {
  it('is the hex SHA-256 of the exact UTF-8 text, as the audio script names its files', async () => {
    for (const text of ['', 'I understand', '{質問|しつもん}があります', 'ဤရုံး']) {
      expect(await unitHash(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });
});
