// Shown for as long as the conversation is being recorded: ● 録音中, the same in the
// resident's language, and the time since recording began. While staff pause it, it
// says so in words (two bars and 録音一時停止中), not only by a colour, and `data-state` is `paused`.
import { formatElapsed, useServerNow } from './clock.js';
import { RubyText, rubyToPlain } from './ruby.js';
import { useUiText } from './ui-text.js';

const JAPANESE_LABEL = { recording: '録音中', paused: '録音一時停止中' } as const;

export function RecordingIndicator({ since, language, paused }: { since: number; language: string; paused: boolean }) {
  const t = useUiText(language);
  const now = useServerNow();
  const state = paused ? 'paused' : 'recording';
  const label = t(paused ? 'recording.paused' : 'recording.indicator');
  const elapsedLabel = rubyToPlain(t('recording.elapsed'));
  return (
    <div className={`recording-indicator ${state}`} data-testid="recording-indicator" data-state={state} role="status">
      {/* The pause sign is drawn in CSS: no font needs a glyph for it. */}
      {paused ? (
        <span className="pause-bars" aria-hidden="true" />
      ) : (
        <span className="recording-dot" aria-hidden="true">
          ●
        </span>
      )}
      <span lang="ja">{JAPANESE_LABEL[state]}</span>
      {label && rubyToPlain(label) !== JAPANESE_LABEL[state] && (
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
