// The shape of the simple screens: a title, a line of explanation, maybe an action.
import type { ReactNode } from 'react';
import { RubyText } from '../ruby.js';
import { useUiText } from '../ui-text.js';

interface Props {
  testId: string;
  language: string;
  /** ui.json group holding `title` and `body`, e.g. `thanks`. */
  group: string;
  /** Keys other than `<group>.title` / `<group>.body`, e.g. a text per recording mode. */
  titleKey?: string;
  bodyKey?: string;
  className?: string;
  children?: ReactNode;
}

export function MessageScreen({ testId, language, group, titleKey, bodyKey, className, children }: Props) {
  const t = useUiText(language);
  return (
    <main className={`screen message-screen ${className ?? ''}`} data-testid={testId} lang={language}>
      <div className="message-card">
        <h1>
          <RubyText text={t(titleKey ?? `${group}.title`)} />
        </h1>
        <p className="message-body">
          <RubyText text={t(bodyKey ?? `${group}.body`)} />
        </p>
        {children}
      </div>
    </main>
  );
}
