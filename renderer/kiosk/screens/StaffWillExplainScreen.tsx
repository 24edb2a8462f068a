// After "I have a question" or no answer: a staff member talks with the resident first.
// The resident may read the notice again meanwhile.
import { RubyText } from '../ruby.js';
import { useUiText } from '../ui-text.js';
import { MessageScreen } from './MessageScreen.js';

interface Props {
  reason: 'question' | 'timeout';
  language: string;
  onReadAgain(): void;
}

export function StaffWillExplainScreen({ reason, language, onReadAgain }: Props) {
  const t = useUiText(language);
  return (
    <MessageScreen testId={`screen-${reason}`} language={language} group={reason}>
      <button type="button" className="secondary-button" data-testid="read-again" onClick={onReadAgain}>
        <RubyText text={t(`${reason}.readAgain`)} />
      </button>
    </MessageScreen>
  );
}

