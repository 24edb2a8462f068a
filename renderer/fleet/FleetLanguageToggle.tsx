// 日本語 / English for the fleet page, as on the staff console.
import { useTranslation } from 'react-i18next';
import { FLEET_LANGUAGES, saveFleetLanguage } from './fleet-text.js';

const LABELS = { ja: '日本語', en: 'English' } as const;

export function FleetLanguageToggle() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-toggle" role="group" aria-label={t('uiLanguage.label')}>
      {FLEET_LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={i18n.language === language}
          onClick={() => {
            saveFleetLanguage(language);
            void i18n.changeLanguage(language);
          }}
          data-testid={`ui-language-${language}`}
        >
          {LABELS[language]}
        </button>
      ))}
    </div>
  );
}
