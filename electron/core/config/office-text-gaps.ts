// Where a resident would read the office's own text in another language than theirs: for
// each enabled language and each office text the screens show, the entry that stands in.
// `kokuchi doctor` and the admin screen both say it, so English never sits silently in Nepali.
import type { LanguageCode } from '../../shared/languages.js';
import type { OfficeTextGap } from '../../shared/admin-api.js';
import { furiganaProblem } from '../notice/locale-check.js';
import { officeTextLanguage, type KioskConfig, type OfficeText } from './schema.js';

/** The office texts a resident can be shown, by their place in kokuchi.config.json. */
function shownOfficeTexts(config: KioskConfig): [OfficeTextGap['field'], OfficeText][] {
  const texts: [OfficeTextGap['field'], OfficeText][] = [
    ['office.name', config.office.name],
    ['office.contact', config.office.contact],
    ['recording.access', config.recording.access],
  ];
  // The reason is only in the notice when residents may not record.
  if (!config.residentRecording.allowed) texts.push(['residentRecording.reason', config.residentRecording.reason]);
  return texts;
}

/** Every (language, field) of the enabled languages that would show another language's entry. */
export function officeTextGaps(config: KioskConfig, languages: readonly LanguageCode[] = config.languages.enabled): OfficeTextGap[] {
  return languages.flatMap((language) =>
    shownOfficeTexts(config).flatMap(([field, text]) => {
      const shownIn = officeTextLanguage(text, language, config.languages.officeTextFallback);
      return shownIn === language ? [] : [{ language, field, shownIn }];
    }),
  );
}

/** The doctor's line for a gap: place, then what the resident sees and the fix. */
export function officeTextGapLine(configName: string, gap: OfficeTextGap): string {
  const how = gap.language === 'ja-x-easy' ? ' (easy Japanese, with ruby: {窓口|まどぐち})' : '';
  return `${configName}: ${gap.field}: a resident reading ${gap.language} is shown the ${gap.shownIn} text: add a "${gap.language}" entry${how}`;
}

/** Easy-Japanese office entries with kanji a resident may not read (no furigana). */
export function easyJapaneseOfficeProblems(config: KioskConfig, configName: string): string[] {
  if (!config.languages.enabled.includes('ja-x-easy')) return [];
  return shownOfficeTexts(config).flatMap(([field, text]) => {
    const easy = text['ja-x-easy'];
    const problem = easy === undefined ? null : furiganaProblem(easy);
    return problem ? [`${configName}: ${field}.ja-x-easy: ${problem}`] : [];
  });
}
