// Easy Japanese gives every number its reading, irregular counters included.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../electron/core/config/schema.js';
import { loadLocales, type Locale } from '../../../electron/core/notice/locale-files.js';
import { renderNotice } from '../../../electron/core/notice/render-notice.js';
import i18next from 'i18next';
import { addRubyNumberFormats } from '../../../electron/shared/japanese-readings.js';
import { ROOT } from '../../support/kiosk-process.js';
import { daysReading, hoursReading, minutesReading, numberReading, secondsReading } from '../../../electron/shared/japanese-readings.js';

describe('readings for easy Japanese', () => {
  it('reads plain numbers with their sound changes', () => {
    expect([4, 7, 9, 14, 90, 300, 365, 600, 800, 1000, 3650, 10_000, 36_500].map(numberReading)).toEqual([
      'よん', 'なな', 'きゅう', 'じゅうよん', 'きゅうじゅう', 'さんびゃく', 'さんびゃくろくじゅうご', 'ろっぴゃく', 'はっぴゃく', 'せん',
      'さんぜんろっぴゃくごじゅう', 'いちまん', 'さんまんろくせんごひゃく',
    ]);
  });

  it('reads day counts 1–10, 14, 20 and 24 with their own words', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(daysReading)).toEqual([
      'いちにち', 'ふつか', 'みっか', 'よっか', 'いつか', 'むいか', 'なのか', 'ようか', 'ここのか', 'とおか',
    ]);
    expect([11, 14, 20, 24, 30, 90, 365].map(daysReading)).toEqual([
      'じゅういちにち', 'じゅうよっか', 'はつか', 'にじゅうよっか', 'さんじゅうにち', 'きゅうじゅうにち', 'さんびゃくろくじゅうごにち',
    ]);
  });

  it('reads minutes, hours and seconds as a native speaker says them', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15, 20, 30, 60, 100].map(minutesReading)).toEqual([
      'いっぷん', 'にふん', 'さんぷん', 'よんぷん', 'ごふん', 'ろっぷん', 'ななふん', 'はっぷん', 'きゅうふん', 'じゅっぷん', 'じゅうごふん',
      'にじゅっぷん', 'さんじゅっぷん', 'ろくじゅっぷん', 'ひゃっぷん',
    ]);
    expect([1, 4, 9, 14, 24].map(hoursReading)).toEqual(['いちじかん', 'よじかん', 'くじかん', 'じゅうよじかん', 'にじゅうよじかん']);
    expect([1, 10, 90].map(secondsReading)).toEqual(['いちびょう', 'じゅうびょう', 'きゅうじゅうびょう']);
  });
});

describe('the easy-Japanese notice and timer', () => {
  it('give the retention period its reading, whatever the office sets', async () => {
    const { locales } = await loadLocales(join(ROOT, 'locales'));
    const easy = locales.get('ja-x-easy') as Locale;
    const retentionLine = (days: number) =>
      renderNotice(easy, configSchema.parse({ retentionDays: days }), { staffName: null, recording: 'audio' }).text.split('\n').find((line) => line.includes('{消|け}します'));
    expect(retentionLine(14)).toContain('{14日間|じゅうよっかかん}');
    expect(retentionLine(20)).toContain('{20日間|はつかかん}');
    expect(retentionLine(365)).toContain('{365日間|さんびゃくろくじゅうごにちかん}');
  });

  it('give the seconds left their reading', async () => {
    const { locales } = await loadLocales(join(ROOT, 'locales'));
    const easy = locales.get('ja-x-easy') as Locale;
    // Set up as the page's ui-text.ts does (importing it here would bring the DOM's types into the Node tests).
    const ui = i18next.createInstance();
    void ui.init({ lng: 'ja-x-easy', resources: { 'ja-x-easy': { ui: easy.ui } }, ns: ['ui'], defaultNS: 'ui', initAsync: false, interpolation: { escapeValue: false } });
    addRubyNumberFormats(ui);
    expect(ui.t('notice.timeLeft', { count: 90 })).toBe('{90秒|きゅうじゅうびょう}の{間|あいだ}に、ボタンを{押|お}してください。');
  });
});
