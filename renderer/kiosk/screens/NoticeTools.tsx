// Read aloud, larger text, another language: the helpers above the notice.
import type { ReadAloud } from '../read-aloud.js';
import { RubyText } from '../ruby.js';
import { useUiText } from '../ui-text.js';

interface Props {
  language: string;
  readAloud: ReadAloud;
  largeText: boolean;
  onToggleLargeText(): void;
  onChangeLanguage(): void;
}

export function NoticeTools({ language, readAloud, largeText, onToggleLargeText, onChangeLanguage }: Props) {
  const t = useUiText(language);
  return (
    <div className="notice-tools">
      <button
        type="button"
        className="tool-button"
        data-testid="read-aloud"
        disabled={!readAloud.available}
        onClick={readAloud.toggle}
      >
        <RubyText text={t(readAloud.speaking ? 'notice.stopReading' : 'notice.readAloud')} />
      </button>
      <button
        type="button"
        className="tool-button"
        data-testid="text-size"
        aria-pressed={largeText}
        onClick={onToggleLargeText}
      >
        <span className="tool-icon" aria-hidden="true" lang="en">
          A+
        </span>
        <RubyText text={t('notice.textLarger')} />
      </button>
      <button type="button" className="tool-button" data-testid="change-language" onClick={onChangeLanguage}>
        <RubyText text={t('notice.changeLanguage')} />
      </button>
    </div>
  );
}
