import { describe, expect, it } from 'vitest';
import { parseRuby, rubyToPlain } from '../../../renderer/kiosk/ruby-markup.js';

describe('parseRuby', () => {
  it('keeps text without markup as one run', () => {
    expect(parseRuby('Conversations may be recorded.')).toEqual([{ text: 'Conversations may be recorded.' }]);
  });

  it('returns nothing for an empty string', () => {
    expect(parseRuby('')).toEqual([]);
  });

  it('splits base and reading, keeping the text around them', () => {
    expect(parseRuby('この{窓口|まどぐち}では{会話|かいわ}を{録音|ろくおん}します。')).toEqual([
      { text: 'この' },
      { base: '窓口', reading: 'まどぐち' },
      { text: 'では' },
      { base: '会話', reading: 'かいわ' },
      { text: 'を' },
      { base: '録音', reading: 'ろくおん' },
      { text: 'します。' },
    ]);
  });

  it('handles ruby at both ends and side by side', () => {
    expect(parseRuby('{日本|にほん}{語|ご}')).toEqual([
      { base: '日本', reading: 'にほん' },
      { base: '語', reading: 'ご' },
    ]);
  });

  it('leaves malformed markup as literal text', () => {
    for (const text of ['{漢字}', '{|かんじ}', '{漢字|}', '{漢字|かんじ', '漢字|かんじ}', '{}', '{a|b|c}']) {
      expect(parseRuby(text)).toEqual([{ text }]);
    }
  });

  it('reads the innermost well-formed pair when braces are nested', () => {
    expect(parseRuby('{外{漢字|かんじ}}')).toEqual([
      { text: '{外' },
      { base: '漢字', reading: 'かんじ' },
      { text: '}' },
    ]);
  });

  it('does not touch i18next placeholders', () => {
    expect(parseRuby('{{count}}{秒|びょう}')).toEqual([{ text: '{{count}}' }, { base: '秒', reading: 'びょう' }]);
  });
});

describe('rubyToPlain', () => {
  it('drops the readings and keeps everything else', () => {
    expect(rubyToPlain('{録音|ろくおん}しています {a|b')).toBe('録音しています {a|b');
  });
});
