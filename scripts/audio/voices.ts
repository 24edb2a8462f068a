// Which offline voice speaks each language, and how its text is shaped for it. Only
// Debian packages: espeak-ng, Open JTalk with the NIT ATR503 M001 voice (Japanese), opusenc.
import type { LanguageCode } from '../../electron/shared/languages.js';

/** espeak-ng's speed in words per minute: a little slower than its 175 for residents listening in a second language. */
export const ESPEAK_SPEED = 150;
export const JTALK_DICTIONARY = '/var/lib/mecab/dic/open-jtalk/naist-jdic';
export const JTALK_VOICE = '/usr/share/hts-voice/nitech-jp-atr503-m001/nitech_jp_atr503_m001.htsvoice';

export type VoiceChoice =
  | { engine: 'espeak-ng'; voice: string; latinVoice?: string }
  | { engine: 'open-jtalk'; speed: number }
  | { engine: 'none'; reason: string };

export const VOICES: Record<LanguageCode, VoiceChoice> = {
  ja: { engine: 'open-jtalk', speed: 1 },
  // Slower for residents still learning Japanese; the ruby readings are what is spoken.
  'ja-x-easy': { engine: 'open-jtalk', speed: 0.85 },
  en: { engine: 'espeak-ng', voice: 'en-us' },
  // espeak-ng 1.51's plain `cmn` voice reads tone numbers as English words; the pinyin voice does not,
  // but reads Latin letters as pinyin. In every non-Latin script, Latin runs (URLs, "QR", an
  // office's English fallback text) go to an English voice.
  'zh-Hans': { engine: 'espeak-ng', voice: 'cmn-latn-pinyin', latinVoice: 'en-us' },
  // Mandarin, as most zh-Hant readers here are from Taiwan; Cantonese (yue) would be a separate language.
  'zh-Hant': { engine: 'espeak-ng', voice: 'cmn-latn-pinyin', latinVoice: 'en-us' },
  ko: { engine: 'espeak-ng', voice: 'ko', latinVoice: 'en-us' },
  vi: { engine: 'espeak-ng', voice: 'vi' },
  ne: { engine: 'espeak-ng', voice: 'ne', latinVoice: 'en-us' },
  fil: { engine: 'none', reason: 'espeak-ng has no Filipino (Tagalog) voice, and Debian packages no other' },
  'pt-BR': { engine: 'espeak-ng', voice: 'pt-br' },
  // Latin American Spanish: most Spanish-speaking residents in Japan come from South America.
  es: { engine: 'espeak-ng', voice: 'es-419' },
  id: { engine: 'espeak-ng', voice: 'id' },
  th: { engine: 'espeak-ng', voice: 'th', latinVoice: 'en-us' },
  my: { engine: 'espeak-ng', voice: 'my', latinVoice: 'en-us' },
};

/** Recorded in the manifest: when it changes, the language's files are made again. */
export function describeVoice(choice: VoiceChoice): string {
  switch (choice.engine) {
    case 'espeak-ng':
      return `espeak-ng ${choice.voice} at ${ESPEAK_SPEED} wpm${choice.latinVoice ? `, Latin text in ${choice.latinVoice}` : ''}`;
    case 'open-jtalk':
      return `Open JTalk, naist-jdic, nitech_jp_atr503_m001 at speed ${choice.speed}`;
    case 'none':
      return choice.reason;
  }
}

// Latin words, with what joins them in URLs, codes and English sentences ("QR", "https://example.org/a-b",
// "visitors' privacy, and staff").
const LATIN_WORD = String.raw`[A-Za-z][\w:/.\-@?=&%#+~'’]*`;
const LATIN_RUN = new RegExp(String.raw`${LATIN_WORD}(?:[\s,;:"“”()!]+${LATIN_WORD})*`, 'g');

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** SSML that gives Latin runs to `latinVoice` and the rest, shaped by `shape`, to `voice`. */
export function withLatinVoice(text: string, voice: string, latinVoice: string, shape: (run: string) => string = (run) => run): string {
  const parts: string[] = [];
  let last = 0;
  const speak = (run: string, name: string) => {
    if (run.trim() !== '') parts.push(`<voice name="${name}">${escapeXml(run)}</voice>`);
  };
  for (const match of text.matchAll(LATIN_RUN)) {
    speak(shape(text.slice(last, match.index)), voice);
    speak(match[0], latinVoice);
    last = match.index + match[0].length;
  }
  speak(shape(text.slice(last)), voice);
  return `<speak>${parts.join('')}</speak>`;
}

/** Longest Burmese clause handed to espeak-ng 1.51, which aborts on one of about 130 characters. */
const BURMESE_CLAUSE = 60;

/** Burmese writes no clause breaks espeak-ng knows: a comma replaces the phrase space before a clause gets too long. */
export function burmeseClauses(text: string): string {
  let out = '';
  let clause = 0;
  for (const phrase of text.split(/ +/)) {
    if (out !== '') {
      const tooLong = clause + phrase.length > BURMESE_CLAUSE;
      out += tooLong ? ', ' : ' ';
      if (tooLong) clause = 0;
    }
    out += phrase;
    clause += phrase.length + 1;
  }
  return out;
}

/** The text handed to espeak-ng, and whether it is SSML. */
export function espeakInput(language: LanguageCode, text: string, choice: { voice: string; latinVoice?: string }): { text: string; ssml: boolean } {
  const shape = language === 'my' ? burmeseClauses : (run: string) => run;
  if (choice.latinVoice) return { text: withLatinVoice(text, choice.voice, choice.latinVoice, shape), ssml: true };
  return { text: shape(text), ssml: false };
}
