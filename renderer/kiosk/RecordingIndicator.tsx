// Shown for as long as the conversation is being recorded: ● and the fixed Japanese word for
// what this counter records (録音中, or 録音・録画中 where video is recorded too), the same in
// the resident's language, and the time since recording began. While staff pause it, it says
// so in words (two bars and 録音一時停止中 / 録音・録画一時停止中), not only by a colour, and
// `data-state` is `paused`. `data-mode` is the counter's recording mode.
import type { RecordingMode } from '../../electron/shared/events.js';
import { formatElapsed, useServerNow } from './clock.js';
import { indicatorWords } from './recording-labels.js';
import { RubyText, rubyToPlain } from './ruby.js';
import { useUiText } from './ui-text.js';

interface Props {
  since: number;
  language: string;
  mode: RecordingMode;
  paused: boolean;
}

export function RecordingIndicator({ since, language, mode, paused }: Props) {
  const t = useUiText(language);
  const now = useServerNow();
  const state = paused ? 'paused' : 'recording';
  const { japanese, local } = indicatorWords(t, mode, state);
  const elapsedLabel = rubyToPlain(t('recording.elapsed'));
  return (
    <div className={`recording-indicator ${state}`} data-testid="recording-indicator" data-state={state} data-mode={mode} role="status">
      {/* The pause sign is drawn in CSS: no font needs a glyph for it. */}
      {paused ? (
        <span className="pause-bars" aria-hidden="true" />
      ) : (
        <span className="recording-dot" aria-hidden="true">
          ●
        </span>
      )}
      <span lang="ja">{japanese}</span>
      {local && (
        <span className="recording-label" lang={language}>
          <RubyText text={local} />
        </span>
      )}
      {/* role=timer is not announced on every tick, unlike the rest of the status. */}
      <span className="recording-elapsed" role="timer" aria-label={elapsedLabel || undefined}>
        {formatElapsed(now - since)}
      </span>
    </div>
  );
}
