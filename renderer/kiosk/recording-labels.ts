// The words that name what this counter records, per its recording mode (`recording.mode`:
// sound only, or sound and video): the indicator's fixed Japanese word, and the ui.json keys
// of the idle screen's notice line, the indicator, the thank-you body and the ended title. One text per mode in every
// locale, as nested keys (`…audio`, `…audio-video`) like `recording.audio` and the notice.
import type { TFunction } from 'i18next';
import type { RecordingMode } from '../../electron/shared/events.js';
import { rubyToPlain } from './ruby-markup.js';

export type IndicatorState = 'recording' | 'paused';

/** The Japanese words every resident sees on the indicator, whatever their language (staff read them too). */
export const JAPANESE_LABEL: Record<RecordingMode, Record<IndicatorState, string>> = {
  audio: { recording: '録音中', paused: '録音一時停止中' },
  'audio-video': { recording: '録音・録画中', paused: '録音・録画一時停止中' },
};

export const indicatorKey = (mode: RecordingMode, state: IndicatorState) =>
  `recording.${state === 'paused' ? 'paused' : 'indicator'}.${mode}` as const;
export const thanksBodyKey = (mode: RecordingMode) => `thanks.body.${mode}` as const;
export const endedTitleKey = (mode: RecordingMode) => `ended.title.${mode}` as const;
/** The idle screen's "conversations here may be recorded" line, for the counter's configured mode. */
export const idleNoticeKey = (mode: RecordingMode) => `idle.notice.${mode}` as const;

/** The ui.json keys that hold one text per recording mode (`recording` is the recording screen's line). */
export const PER_MODE_KEYS = ['idle.notice', 'recording.indicator', 'recording.paused', 'thanks.body', 'ended.title', 'recording'] as const;

/**
 * What the indicator says: the fixed Japanese word, and the resident's own words (ruby
 * markup kept) or null when the locale has none or they would repeat the Japanese.
 */
export function indicatorWords(t: TFunction<'ui'>, mode: RecordingMode, state: IndicatorState): { japanese: string; local: string | null } {
  const japanese = JAPANESE_LABEL[mode][state];
  const local = t(indicatorKey(mode, state));
  return { japanese, local: local && rubyToPlain(local) !== japanese ? local : null };
}
