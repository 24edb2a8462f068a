// The console's own strings, Japanese and English, bundled at build time (the console
// is for staff; the fourteen resident languages live in the kiosk's locales).
import i18next from 'i18next';
import en from '../../locales/en/staff.json';
import ja from '../../locales/ja/staff.json';

export const CONSOLE_LANGUAGES = ['ja', 'en'] as const;
export type ConsoleLanguage = (typeof CONSOLE_LANGUAGES)[number];

const STORAGE_KEY = 'kokuchi.staff.uiLanguage';

export function savedConsoleLanguage(): ConsoleLanguage {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'en' || saved === 'ja' ? saved : 'ja';
}

export function saveConsoleLanguage(language: ConsoleLanguage): void {
  localStorage.setItem(STORAGE_KEY, language);
}

export const staffText = i18next.createInstance();
void staffText.init({
  resources: { ja: { staff: ja }, en: { staff: en } },
  ns: ['staff'],
  defaultNS: 'staff',
  lng: savedConsoleLanguage(),
  fallbackLng: 'ja',
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes
  react: { useSuspense: false },
});
