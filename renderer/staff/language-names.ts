// The fourteen resident languages for the "language hint" select, each named in its own
// script (from locales/<code>/ui.json, read at build time) and in the console's language.
import { LANGUAGE_CODES, type LanguageCode } from '../../electron/shared/languages.js';

const metas = import.meta.glob<{ name: string }>('../../locales/*/ui.json', { eager: true, import: 'meta' });

export interface LanguageName {
  code: LanguageCode;
  /** In its own script, e.g. "Tiếng Việt". */
  native: string;
  /** In the console's language, e.g. "ベトナム語"; null when the browser does not know it. */
  local: string | null;
}

export function languageNames(consoleLanguage: string, easyJapanese: string): LanguageName[] {
  let display: Intl.DisplayNames | null = null;
  try {
    display = new Intl.DisplayNames([consoleLanguage], { type: 'language' });
  } catch {
    display = null;
  }
  return LANGUAGE_CODES.map((code) => ({
    code,
    native: metas[`../../locales/${code}/ui.json`]?.name ?? code,
    local: code === 'ja-x-easy' ? easyJapanese : (display?.of(code) ?? null),
  }));
}
