// The words naming what the counter records follow its recording mode, in the shipped
// locales: the idle screen's notice line, the indicator (recording and paused), the thank-you
// body and the ended title.
import { join } from 'node:path';
import i18next, { type i18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLocales, type Locale } from '../../../electron/core/notice/locale-files.js';
import { RECORDING_MODES, type RecordingMode } from '../../../electron/shared/events.js';
import { LANGUAGE_CODES } from '../../../electron/shared/languages.js';
import { PER_MODE_KEYS, endedTitleKey, idleNoticeKey, indicatorWords, thanksBodyKey } from '../../../renderer/kiosk/recording-labels.js';
import { rubyToPlain } from '../../../renderer/kiosk/ruby-markup.js';
import { ROOT } from '../../support/kiosk-process.js';

let locales: Locale[];
let uiText: i18n;

beforeAll(async () => {
  const loaded = await loadLocales(join(ROOT, 'locales'));
  expect(loaded.problems).toEqual([]);
  locales = [...loaded.locales.values()];
  // As the page loads them (renderer/kiosk/ui-text.ts), but with no fallback language: a
  // text missing in one locale shows as its key here instead of as the English one.
  uiText = i18next.createInstance();
  await uiText.init({
    resources: Object.fromEntries(locales.map((locale) => [locale.code, { ui: locale.ui }])),
    ns: ['ui'],
    defaultNS: 'ui',
    lng: 'ja',
    fallbackLng: false,
    interpolation: { escapeValue: false },
  });
});

const text = (language: string, key: string) => rubyToPlain(uiText.getFixedT(language, 'ui')(key));
const indicator = (language: string, mode: RecordingMode, state: 'recording' | 'paused') => {
  const words = indicatorWords(uiText.getFixedT(language, 'ui'), mode, state);
  return [words.japanese, words.local === null ? null : rubyToPlain(words.local)];
};

describe('the indicator names what is recorded', () => {
  it('in Japanese: 録音中 on audio counters, 録音・録画中 where video is recorded too, once (not repeated)', () => {
    expect(indicator('ja', 'audio', 'recording')).toEqual(['録音中', null]);
    expect(indicator('ja', 'audio-video', 'recording')).toEqual(['録音・録画中', null]);
    expect(indicator('ja', 'audio', 'paused')).toEqual(['録音一時停止中', null]);
    expect(indicator('ja', 'audio-video', 'paused')).toEqual(['録音・録画一時停止中', null]);
  });

  it('in English, beside the Japanese word', () => {
    expect(indicator('en', 'audio', 'recording')).toEqual(['録音中', 'Recording (audio)']);
    expect(indicator('en', 'audio-video', 'recording')).toEqual(['録音・録画中', 'Recording (audio and video)']);
    expect(indicator('en', 'audio', 'paused')).toEqual(['録音一時停止中', 'Recording paused (audio)']);
    expect(indicator('en', 'audio-video', 'paused')).toEqual(['録音・録画一時停止中', 'Recording paused (audio and video)']);
  });

  it('in Thai and Burmese: sound only (เสียง / အသံ) or sound and picture (และภาพ / နှင့် ဗီဒီယို)', () => {
    expect(indicator('th', 'audio', 'recording')).toEqual(['録音中', 'กำลังบันทึกเสียง']);
    expect(indicator('th', 'audio-video', 'recording')).toEqual(['録音・録画中', 'กำลังบันทึกเสียงและภาพ']);
    expect(indicator('th', 'audio-video', 'paused')).toEqual(['録音・録画一時停止中', 'การบันทึกเสียงและภาพหยุดชั่วคราว']);
    expect(indicator('my', 'audio', 'recording')).toEqual(['録音中', 'အသံ မှတ်တမ်းတင်နေသည်']);
    expect(indicator('my', 'audio-video', 'recording')).toEqual(['録音・録画中', 'အသံနှင့် ဗီဒီယို မှတ်တမ်းတင်နေသည်']);
  });

  it('in easy Japanese the pause line keeps its furigana and names ビデオ only where video is recorded', () => {
    const t = uiText.getFixedT('ja-x-easy', 'ui');
    expect(indicatorWords(t, 'audio', 'paused').local).toBe('{録音|ろくおん}を{止|と}めています');
    expect(indicatorWords(t, 'audio-video', 'paused').local).toBe('{声|こえ}とビデオの{記録|きろく}を{止|と}めています');
  });

  it('in Korean and Nepali the pause line reads as a state for now (일시 중지 중, अहिलेलाई), not a button or the end', () => {
    expect(indicator('ko', 'audio', 'paused')).toEqual(['録音一時停止中', '녹음 일시 중지 중']);
    expect(indicator('ko', 'audio-video', 'paused')).toEqual(['録音・録画一時停止中', '녹음·녹화 일시 중지 중']);
    expect(indicator('ne', 'audio', 'paused')).toEqual(['録音一時停止中', 'आवाज रेकर्डिङ अहिलेलाई रोकिएको छ']);
    expect(indicator('ne', 'audio-video', 'paused')).toEqual(['録音・録画一時停止中', 'आवाज र भिडियो रेकर्डिङ अहिलेलाई रोकिएको छ']);
  });
});

describe("the idle screen's notice line says what this counter may record", () => {
  it.each([
    ['ja', 'この窓口での会話は、録音される場合があります。', 'この窓口での会話は、録音・録画される場合があります。'],
    ['ja-x-easy', 'この窓口では、話の声を録音することがあります。', 'この窓口では、話の声とビデオを記録することがあります。'],
    ['en', 'Conversations at this counter may be recorded (audio only).', 'Conversations at this counter may be recorded (audio and video).'],
    ['ko', '이 창구에서 나누는 대화는 녹음될 수 있습니다.', '이 창구에서 나누는 대화는 녹음·녹화될 수 있습니다.'],
    ['th', 'การสนทนาที่ช่องบริการนี้อาจมีการบันทึกเสียง', 'การสนทนาที่ช่องบริการนี้อาจมีการบันทึกเสียงและภาพ'],
    ['ne', 'यस काउन्टरमा हुने कुराकानीको आवाज रेकर्ड हुन सक्छ।', 'यस काउन्टरमा हुने कुराकानीको आवाज र भिडियो रेकर्ड हुन सक्छ।'],
    ['my', 'ဤကောင်တာရှိ စကားပြောဆိုမှုများ၏ အသံကို မှတ်တမ်းတင်နိုင်ပါသည်။', 'ဤကောင်တာရှိ စကားပြောဆိုမှုများ၏ အသံနှင့် ဗီဒီယိုကို မှတ်တမ်းတင်နိုင်ပါသည်။'],
  ])('%s', (language, audio, audioVideo) => {
    expect(text(language, idleNoticeKey('audio'))).toBe(audio);
    expect(text(language, idleNoticeKey('audio-video'))).toBe(audioVideo);
  });

  it('in easy Japanese with furigana on every kanji word', () => {
    const t = uiText.getFixedT('ja-x-easy', 'ui');
    expect(t(idleNoticeKey('audio'))).toBe('この{窓口|まどぐち}では、{話|はなし}の{声|こえ}を{録音|ろくおん}することがあります。');
    expect(t(idleNoticeKey('audio-video'))).toBe('この{窓口|まどぐち}では、{話|はなし}の{声|こえ}とビデオを{記録|きろく}することがあります。');
  });

  it('says "may be", never that recording has begun, in every locale (the same wording as before, plus what is recorded)', () => {
    // Each locale's "may" word, as its idle line has always used it.
    const may: Record<string, RegExp> = {
      ja: /場合があります/, 'ja-x-easy': /ことがあります/, en: /may be/, es: /pueden/, 'pt-BR': /podem/, fil: /Maaaring/,
      id: /dapat/, vi: /có thể/, ko: /수 있습니다/, 'zh-Hans': /可能/, 'zh-Hant': /可能/, th: /อาจ/, ne: /सक्छ/, my: /နိုင်/,
    };
    const said: string[] = [];
    for (const code of LANGUAGE_CODES) {
      for (const mode of RECORDING_MODES) {
        const line = text(code, idleNoticeKey(mode));
        if (!may[code]?.test(line)) said.push(`${code} ${mode}: ${line}`);
      }
    }
    expect(said).toEqual([]);
  });
});

describe('the thank-you and ended screens name what is recorded', () => {
  it.each([
    ['ja', 'これから録音を始めます。', 'これから録音・録画を始めます。', '録音を終了しました', '録音・録画を終了しました'],
    ['en', 'Audio recording is starting now.', 'Audio and video recording is starting now.', 'Audio recording has stopped', 'Audio and video recording has stopped'],
    ['th', 'จะเริ่มบันทึกเสียงตั้งแต่ตอนนี้', 'จะเริ่มบันทึกเสียงและภาพตั้งแต่ตอนนี้', 'สิ้นสุดการบันทึกเสียงแล้ว', 'สิ้นสุดการบันทึกเสียงและภาพแล้ว'],
    ['ne', 'अब आवाज रेकर्डिङ सुरु हुँदैछ।', 'अब आवाज र भिडियो रेकर्डिङ सुरु हुँदैछ।', 'आवाज रेकर्डिङ सकियो', 'आवाज र भिडियो रेकर्डिङ सकियो'],
  ])('%s', (language, thanksAudio, thanksVideo, endedAudio, endedVideo) => {
    expect(text(language, thanksBodyKey('audio'))).toBe(thanksAudio);
    expect(text(language, thanksBodyKey('audio-video'))).toBe(thanksVideo);
    expect(text(language, endedTitleKey('audio'))).toBe(endedAudio);
    expect(text(language, endedTitleKey('audio-video'))).toBe(endedVideo);
  });

  it('never mention video on an audio-only counter (a word for video in each language)', () => {
    const video = /録画|ビデオ|video|vídeo|녹화|录像|錄影|影像|ภาพ|भिडियो|ဗီဒီယို|ghi hình|hình ảnh/i;
    const said: string[] = [];
    for (const code of LANGUAGE_CODES) {
      for (const key of PER_MODE_KEYS) {
        const audio = text(code, `${key}.audio`);
        const both = text(code, `${key}.audio-video`);
        if (video.test(audio)) said.push(`${code} ${key}.audio: ${audio}`);
        if (!video.test(both)) said.push(`${code} ${key}.audio-video does not name video: ${both}`);
      }
    }
    expect(said).toEqual([]);
  });
});

describe('every locale has each per-mode text', () => {
  it('all fourteen, both modes, not blank, and different for the two modes', () => {
    expect(locales.map((locale) => locale.code).sort()).toEqual([...LANGUAGE_CODES].sort());
    const missing: string[] = [];
    for (const locale of locales) {
      for (const key of PER_MODE_KEYS) {
        const group = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], locale.ui);
        const texts = RECORDING_MODES.map((mode) => (group as Record<string, unknown> | undefined)?.[mode]);
        texts.forEach((value, index) => {
          if (typeof value !== 'string' || value.trim() === '') missing.push(`${locale.code}: ${key}.${RECORDING_MODES[index]}`);
        });
        if (texts[0] === texts[1]) missing.push(`${locale.code}: ${key} is the same in both modes`);
      }
    }
    expect(missing).toEqual([]);
  });
});
