// `kokuchi doctor`'s font check: every character a resident can be shown — each locale's
// texts and language name, and the office's own texts — has a glyph in a font the kiosk
// ships; otherwise it would show as an empty box on a bare tablet.
import { join } from 'node:path';
import { flattenLocaleKeys, type KioskConfig, type Locale } from '../core/index.js';
import type { LanguageCode } from '../shared/languages.js';
import { charactersWithoutFont } from './shipped-fonts.js';

type Tree = { [key: string]: string | Tree };
/** Characters never drawn: spaces, line breaks, joiners and other format characters. */
const INVISIBLE = /[\s\p{C}]/u;
// Markup the page turns into ruby, and placeholders the office's values replace.
const drawn = (text: string) => text.replace(/{{\s*[\w.]+\s*}}/g, '').replace(/[{}|]/g, '');

export async function fontProblems(input: {
  rendererDir: string;
  localesDir: string;
  locales: Map<LanguageCode, Locale>;
  config: KioskConfig;
  /** How the lines name the configuration file. */
  configName: string;
}): Promise<string[]> {
  const texts: { where: string; text: string }[] = [];
  for (const locale of input.locales.values()) {
    const file = (name: string) => join(input.localesDir, locale.code, name);
    texts.push({ where: `${file('ui.json')}: meta.name`, text: locale.name });
    for (const [key, text] of flattenLocaleKeys(locale.ui as Tree)) texts.push({ where: `${file('ui.json')}: ${key}`, text });
    for (const [key, text] of flattenLocaleKeys(locale.notice)) texts.push({ where: `${file('notice.json')}: ${key}`, text });
  }
  const { office, recording, residentRecording } = input.config;
  const officeTexts = { 'office.name': office.name, 'office.contact': office.contact, 'recording.access': recording.access, 'residentRecording.reason': residentRecording.reason };
  for (const [field, perLanguage] of Object.entries(officeTexts)) {
    for (const [language, text] of Object.entries(perLanguage)) texts.push({ where: `${input.configName}: ${field}.${language}`, text });
  }

  const characters = texts.flatMap(({ text }) => [...drawn(text)].filter((character) => !INVISIBLE.test(character)));
  let missing: Set<string>;
  try {
    missing = await charactersWithoutFont(input.rendererDir, characters);
  } catch (error) {
    return [(error as Error).message];
  }
  if (missing.size === 0) return [];
  return texts.flatMap(({ where, text }) => {
    const own = [...new Set([...drawn(text)].filter((character) => missing.has(character)))];
    return own.length === 0 ? [] : [`${where}: no font the kiosk ships can draw ${own.join(' ')} (they would show as empty boxes): write it without them`];
  });
}
