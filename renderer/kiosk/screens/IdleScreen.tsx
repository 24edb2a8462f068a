// Waiting for the next resident: the office, the permanent recording line (naming what this
// counter records: `recording.mode`), and the languages.
import { useState } from 'react';
import type { KioskView } from '../../../electron/shared/kiosk-api.js';
import { logCallFailure, useKiosk } from '../kiosk-context.js';
import { LanguagePicker } from '../LanguagePicker.js';
import { idleNoticeKey } from '../recording-labels.js';
import { RubyText } from '../ruby.js';
import { useUiText } from '../ui-text.js';
import { TwoLanguageText } from './TwoLanguageText.js';

interface Props {
  view: KioskView;
}

export function IdleScreen({ view }: Props) {
  const { api } = useKiosk();
  const language = view.defaultLanguage;
  // Tapped while only staff may start: the core opens the next session in it.
  const hint = view.chosenLanguage;
  const [starting, setStarting] = useState(false);
  const waitInHint = useUiText(hint ?? language)('idle.waitForStaff');

  const choose = (code: string) => {
    if (!view.residentCanStart) {
      api.chooseLanguage({ language: code }).catch(logCallFailure('chooseLanguage'));
      return;
    }
    setStarting(true);
    api
      .startSession({ language: code })
      .catch(logCallFailure('startSession'))
      .finally(() => setStarting(false));
  };

  return (
    <main className="screen idle-screen" data-testid="screen-idle" lang={language}>
      <header className="idle-header">
        <h1 className="office-name">
          <RubyText text={view.office.names[hint ?? language] ?? view.office.name} />
        </h1>
        <TwoLanguageText className="recording-notice" textKey={idleNoticeKey(view.recordingMode)} language={language} />
      </header>
      <section className="idle-languages" aria-labelledby="idle-prompt">
        <TwoLanguageText
          as="h2"
          id="idle-prompt"
          className="idle-prompt"
          textKey={view.residentCanStart ? 'idle.tapToStart' : 'idle.chooseLanguage'}
          language={language}
        />
        <LanguagePicker languages={view.languages} current={hint} disabled={starting} onChoose={choose} />
        {!view.residentCanStart && (
          <div className="idle-wait" aria-live="polite">
            {hint === null ? (
              <TwoLanguageText textKey="idle.waitForStaff" language={language} />
            ) : (
              <p lang={hint}>
                <RubyText text={waitInHint} />
              </p>
            )}
          </div>
        )}
      </section>
      {view.office.isExample && (
        <footer className="example-office">
          <TwoLanguageText textKey="idle.exampleOffice" language={language} />
        </footer>
      )}
    </main>
  );
}
