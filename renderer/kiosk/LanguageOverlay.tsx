// The picker again, over the notice, for a resident who wants another language mid-session.
// A modal <dialog>: Escape, a tap outside or the current language closes it.
import { useEffect, useRef } from 'react';
import type { LanguageChoice } from '../../electron/shared/kiosk-api.js';
import { LanguagePicker } from './LanguagePicker.js';
import { RubyText } from './ruby.js';
import { useUiText } from './ui-text.js';

interface Props {
  languages: LanguageChoice[];
  current: string;
  busy: boolean;
  onChoose(code: string): void;
  onClose(): void;
}

export function LanguageOverlay({ languages, current, busy, onChoose, onClose }: Props) {
  const t = useUiText(current);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="language-overlay"
      aria-labelledby="language-overlay-title"
      lang={current}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose(); // the backdrop
      }}
    >
      <h2 id="language-overlay-title">
        <RubyText text={t('idle.chooseLanguage')} />
      </h2>
      <LanguagePicker
        languages={languages}
        current={current}
        disabled={busy}
        onChoose={(code) => (code === current ? onClose() : onChoose(code))}
      />
    </dialog>
  );
}
