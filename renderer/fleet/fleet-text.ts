// The fleet page's strings, Japanese and English, bundled at build time; the choice of
// language is remembered in this browser.
import i18next from 'i18next';
import en from '../../locales/en/fleet.json';
import ja from '../../locales/ja/fleet.json';

export const FLEET_LANGUAGES = ['ja', 'en'] as const;
export type FleetLanguage = (typeof FLEET_LANGUAGES)[number];

const STORAGE_KEY = 'kokuchi.fleet.uiLanguage';

export function savedFleetLanguage(): FleetLanguage {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'en' || saved === 'ja' ? saved : 'ja';
}

export function saveFleetLanguage(language: FleetLanguage): void {
  localStorage.setItem(STORAGE_KEY, language);
}

export const fleetText = i18next.createInstance();
void fleetText.init({
  resources: { ja: { fleet: ja }, en: { fleet: en } },
  ns: ['fleet'],
  defaultNS: 'fleet',
  lng: savedFleetLanguage(),
  fallbackLng: 'ja',
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes
  react: { useSuspense: false },
});
