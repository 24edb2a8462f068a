// Shown for as long as the conversation is being recorded: ● 録音中, the same in the
// resident's language, and the time since recording began.
import { formatElapsed, useServerNow } from './clock.js';
import { RubyText, rubyToPlain } from './ruby.js';
import { useUiText } from './ui-text.js';

const JAPANESE_LABEL = '録音中';

export function RecordingIndicator({ since, language }: { since: number; language: string }) {
  const t = useUiText(language);
  const now = useServerNow();
  const label = t('recording.indicator');
  const elapsedLabel = rubyToPlain(t('recording.elapsed'));
  return (
    <div className="recording-indicator" data-testid="recording-indicator" role="status">
      <span className="recording-dot" aria-hidden="true">
        ●
      </span>
      <span lang="ja">{JAPANESE_LABEL}</span>
      {label && rubyToPlain(label) !== JAPANESE_LABEL && (
        <span className="recording-label" lang={language}>
          <RubyText text={label} />
        </span>
      )}
      {/* role=timer is not announced on every tick, unlike the rest of the status. */}
      <span className="recording-elapsed" role="timer" aria-label={elapsedLabel || undefined}>
        {formatElapsed(now - since)}
      </span>
    </div>
  );
}
