// Ruby (furigana) markup of the locale files: `{漢字|かんじ}` is 漢字 read かんじ.
// Pure functions, no DOM, so they are tested in plain Node.

export type RubySegment = { text: string } | { base: string; reading: string };

// Neither part may be empty or hold another brace or bar; anything else stays literal text.
const RUBY = /\{([^{}|]+)\|([^{}|]+)\}/g;

/** Splits `text` into plain runs and ruby pairs, in order; malformed markup stays as text. */
export function parseRuby(text: string): RubySegment[] {
  const segments: RubySegment[] = [];
  let last = 0;
  for (const match of text.matchAll(RUBY)) {
    const [whole, base = '', reading = ''] = match;
    if (match.index > last) segments.push({ text: text.slice(last, match.index) });
    segments.push({ base, reading });
    last = match.index + whole.length;
  }
  if (last < text.length) segments.push({ text: text.slice(last) });
  return segments;
}

/** The text without readings: for aria-labels, speech and anywhere ruby cannot be drawn. */
export function rubyToPlain(text: string): string {
  return text.replace(RUBY, '$1');
}
