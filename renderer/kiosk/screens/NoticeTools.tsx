// Read aloud (from the audio shipped with the app), larger text, another language: the helpers above the notice.
import type { ReadAloud } from '../read-aloud.js';
import { RubyText, rubyToPlain } from '../ruby.js';
import { useUiText } from '../ui-text.js';

/** Drawn, not an emoji: the kiosk's fonts have no emoji. */
function SpeakerIcon({ muted }: { muted: boolean }) {
  return (
    <svg className="tool-icon" width="1.2em" height="1.2em" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M3 9h4l5-4v14l-5-4H3z" fill="currentColor" />
      <path
        d={muted ? 'M16 9l6 6M22 9l-6 6' : 'M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12'}
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
      />
    </svg>
  );
}

interface Props {
  language: string;
  readAloud: ReadAloud;
  largeText: boolean;
  onToggleLargeText(): void;
  onChangeLanguage(): void;
}

export function NoticeTools({ language, readAloud, largeText, onToggleLargeText, onChangeLanguage }: Props) {
  const t = useUiText(language);
  // Said on the button itself, not only in a tooltip: a touch screen shows no tooltips.
  const unavailable = readAloud.audio === 'none';
  const unavailableText = t('notice.readAloudUnavailable');
  return (
    <div className="notice-tools">
      <span className="read-aloud-status" role="status" data-testid="read-aloud-status">
        {readAloud.speaking && <RubyText text={t('notice.reading')} />}
      </span>
      <button
        type="button"
        className="tool-button"
        data-testid="read-aloud"
        data-audio={readAloud.audio}
        disabled={!readAloud.available}
        title={unavailable ? rubyToPlain(unavailableText) : undefined}
        onClick={readAloud.toggle}
      >
        <SpeakerIcon muted={unavailable} />
        <RubyText text={unavailable ? unavailableText : t(readAloud.speaking ? 'notice.stopReading' : 'notice.readAloud')} />
      </button>
      <audio {...readAloud.playerProps} data-testid="read-aloud-player" preload="none" hidden />
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
