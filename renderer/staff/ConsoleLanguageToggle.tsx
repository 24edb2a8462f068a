// 日本語 / English for the console itself; the choice is remembered in this browser.
import { useTranslation } from 'react-i18next';
import { CONSOLE_LANGUAGES, saveConsoleLanguage } from './staff-text.js';

const LABELS = { ja: '日本語', en: 'English' } as const;

export function ConsoleLanguageToggle() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-toggle" role="group" aria-label={t('uiLanguage.label')}>
      {CONSOLE_LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={i18n.language === language}
          onClick={() => {
            saveConsoleLanguage(language);
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
