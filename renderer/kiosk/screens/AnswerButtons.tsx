// "I understand" and "I have a question". A tap sends the answer and renders nothing: the
// page's next frame would share the CPU with the answer on its way to the core, and the core
// replies in a few milliseconds with the next screen. Only an answer still unanswered after
// BUSY_AFTER_MS shows the buttons busy; from the tap on, a second tap is ignored.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RenderedNotice } from '../../../electron/shared/kiosk-api.js';
import { logCallFailure, useKiosk } from '../kiosk-context.js';
import { RubyText } from '../ruby.js';

type Answer = 'acknowledged' | 'questioned';

/** Below this, a reply feels immediate: no busy state that would only flash. */
const BUSY_AFTER_MS = 100;

interface Props {
  sessionId: string;
  answers: RenderedNotice['answers'];
  /** Replaces "I have a question" when the notice is read again (the core already knows). */
  onBackToStaff?: (() => void) | undefined;
}

export function AnswerButtons({ sessionId, answers, onBackToStaff }: Props) {
  const { api } = useKiosk();
  const [answering, setAnswering] = useState<Answer | null>(null);
  const sent = useRef<{ choice: Answer; busyTimer: ReturnType<typeof setTimeout> } | null>(null);
  useEffect(() => () => clearTimeout(sent.current?.busyTimer), []);

  const answer = useCallback(
    (choice: Answer) => {
      if (sent.current !== null) return;
      sent.current = { choice, busyTimer: setTimeout(() => setAnswering(choice), BUSY_AFTER_MS) };
      // Stays taken on success: the core moves to the next screen once the answer is on disk.
      api.answer({ sessionId, answer: choice }).catch((error: unknown) => {
        logCallFailure('answer')(error);
        clearTimeout(sent.current?.busyTimer);
        sent.current = null;
        setAnswering(null);
      });
    },
    [api, sessionId],
  );

  // "I understand" is heard on the button itself, not through React's listener at the root:
  // the answer leaves before the event has bubbled up and been dispatched (0.1–0.2 ms sooner).
  const ackButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const button = ackButton.current;
    const onClick = () => answer('acknowledged');
    button?.addEventListener('click', onClick);
    return () => button?.removeEventListener('click', onClick);
  }, [answer]);

  return (
    <div className="answer-buttons">
      <button
        type="button"
        className="answer-button"
        data-testid="ack"
        ref={ackButton}
        disabled={answering !== null}
        aria-busy={answering === 'acknowledged'}
      >
        <RubyText text={answers.acknowledge} />
      </button>
      <button
        type="button"
        className="answer-button"
        data-testid="question"
        disabled={answering !== null}
        aria-busy={answering === 'questioned'}
        onClick={onBackToStaff ?? (() => answer('questioned'))}
      >
        <RubyText text={answers.question} />
      </button>
    </div>
  );
}
