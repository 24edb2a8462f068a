// Draws ruby markup (`{漢字|かんじ}`, see ruby-markup.ts) as <ruby>漢字<rt>かんじ</rt></ruby>.
import { parseRuby } from './ruby-markup.js';

export { parseRuby, rubyToPlain } from './ruby-markup.js';

export function RubyText({ text }: { text: string }) {
  return (
    <>
      {parseRuby(text).map((segment, index) =>
        'text' in segment ? (
          segment.text
        ) : (
          <ruby key={index}>
            {segment.base}
            <rt>{segment.reading}</rt>
          </ruby>
        ),
      )}
    </>
  );
}
