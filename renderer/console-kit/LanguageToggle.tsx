// 日本語 / English for the page itself; `save` remembers the choice in this browser.
import { useTranslation } from 'react-i18next';
import { CONSOLE_LANGUAGES, type ConsoleLanguage } from './console-text.js';

const LABELS = { ja: '日本語', en: 'English' } as const;

export function LanguageToggle({ save }: { save: (language: ConsoleLanguage) => void }) {
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
            save(language);
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
