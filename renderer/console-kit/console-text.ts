// The staff console and the fleet page speak Japanese and English, bundled at build time;
// each remembers its reader's choice in this browser under its own key.
import i18next, { type i18n } from 'i18next';

export const CONSOLE_LANGUAGES = ['ja', 'en'] as const;
export type ConsoleLanguage = (typeof CONSOLE_LANGUAGES)[number];

export interface ConsoleText {
  i18n: i18n;
  save(language: ConsoleLanguage): void;
}

/** One page's strings (`namespace`), in the language last chosen under `storageKey`, Japanese at first. */
export function consoleText(namespace: string, storageKey: string, strings: Record<ConsoleLanguage, object>): ConsoleText {
  const saved = localStorage.getItem(storageKey);
  const text = i18next.createInstance();
  void text.init({
    resources: { ja: { [namespace]: strings.ja }, en: { [namespace]: strings.en } },
    ns: [namespace],
    defaultNS: namespace,
    lng: saved === 'en' || saved === 'ja' ? saved : 'ja',
    fallbackLng: 'ja',
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
    react: { useSuspense: false },
  });
  return { i18n: text, save: (language) => localStorage.setItem(storageKey, language) };
}
