// A line for whoever is at the counter before a language is chosen: the office's language
// and English (once, when they are the same or English has no such line).
import { RubyText } from '../ruby.js';
import { useUiText } from '../ui-text.js';

interface Props {
  textKey: string;
  language: string;
  as?: 'p' | 'h1' | 'h2';
  id?: string;
  className?: string;
}

export function TwoLanguageText({ textKey, language, as: Tag = 'p', id, className }: Props) {
  const local = useUiText(language)(textKey);
  const english = useUiText('en')(textKey);
  const showEnglish = english !== '' && language !== 'en' && english !== local;
  return (
    <Tag id={id} className={className ? `two-languages ${className}` : 'two-languages'}>
      <span className="first-language" lang={language}>
        <RubyText text={local} />
      </span>
      {showEnglish && (
        <span className="second-language" lang="en">
          {english}
        </span>
      )}
    </Tag>
  );
}
