// The chrome strings (ui.json) come from the core at run time, so a facilities team's
// edited locale files take effect without rebuilding the page.
import i18next, { type i18n, type TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { addRubyNumberFormats } from '../../electron/shared/japanese-readings.js';
import type { LocaleBundle } from '../../electron/shared/kiosk-api.js';

export function createUiText(bundles: LocaleBundle[], defaultLanguage: string): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources: Object.fromEntries(bundles.map((bundle) => [bundle.code, { ui: bundle.ui }])),
    ns: ['ui'],
    defaultNS: 'ui',
    lng: defaultLanguage,
    fallbackLng: [...new Set([defaultLanguage, 'en'])],
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
    // A missing string shows nothing rather than its key; screens skip empty lines.
    parseMissingKeyHandler: () => '',
    react: { useSuspense: false },
  });
  addRubyNumberFormats(instance);
  return instance;
}

/** `t` bound to one language: a screen speaks the resident's language, not a global one. */
export function useUiText(language: string): TFunction<'ui'> {
  return useTranslation('ui', { lng: language }).t;
}
