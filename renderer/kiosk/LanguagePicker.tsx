// One big button per offered language, each named in its own script and tagged with its
// `lang` so it gets its own font and pronunciation. No flags: a flag is a country, not a language.
import type { LanguageChoice } from '../../electron/shared/kiosk-api.js';
import { RubyText } from './ruby.js';

interface Props {
  languages: LanguageChoice[];
  /** The language already chosen (a hint at idle, the notice's language in the overlay). */
  current?: string | null;
  disabled?: boolean;
  onChoose(code: string): void;
}

export function LanguagePicker({ languages, current = null, disabled = false, onChoose }: Props) {
  return (
    <ul className="language-picker">
      {languages.map((language) => (
        <li key={language.code}>
          <button
            type="button"
            className="language-button"
            data-testid={`lang-${language.code}`}
            lang={language.code}
            aria-current={language.code === current ? 'true' : undefined}
            disabled={disabled}
            onClick={() => onChoose(language.code)}
          >
            <RubyText text={language.name} />
          </button>
        </li>
      ))}
    </ul>
  );
}
