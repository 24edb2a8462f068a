// Time left to answer, and a way to get more (WCAG 2.2.1: no time limit without one).
import { useEffect, useState } from 'react';
import { useServerNow } from './clock.js';
import { logCallFailure, useKiosk } from './kiosk-context.js';
import { RubyText, rubyToPlain } from './ruby.js';
import { useUiText } from './ui-text.js';

/** Below this many seconds the time left is stressed and announced once. */
const WARN_SECONDS = 20;

export function AnswerTimer({ deadline, language }: { deadline: number; language: string }) {
  const { api } = useKiosk();
  const t = useUiText(language);
  const now = useServerNow();
  const secondsLeft = Math.max(0, Math.ceil((deadline - now) / 1000));
  const urgent = secondsLeft <= WARN_SECONDS;

  // Announced once on becoming urgent, not every second.
  const [warning, setWarning] = useState('');
  useEffect(() => {
    setWarning(urgent ? rubyToPlain(t('notice.timeLeft', { count: WARN_SECONDS })) : '');
  }, [urgent, t]);

  return (
    <div className={urgent ? 'answer-timer is-urgent' : 'answer-timer'}>
      <p className="time-left" data-testid="time-left">
        <RubyText text={t('notice.timeLeft', { count: secondsLeft })} />
      </p>
      <p className="visually-hidden" aria-live="assertive">
        {warning}
      </p>
      <button
        type="button"
        className="secondary-button"
        data-testid="more-time"
        onClick={() => api.touch({ extendAnswer: true }).catch(logCallFailure('touch'))}
      >
        <RubyText text={t('notice.moreTime')} />
      </button>
    </div>
  );
}
