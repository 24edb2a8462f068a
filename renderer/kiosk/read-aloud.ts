// Reads the notice aloud with the platform's speech synthesis, when it has a voice for the
// notice's language. (Pre-recorded audio shipped with the app, for offline kiosks, comes later.)
import { useCallback, useEffect, useRef, useState } from 'react';

// Locale tags voices commonly carry, for our codes that differ from them.
const VOICE_TAGS: Record<string, string[]> = {
  'ja-x-easy': ['ja-JP', 'ja'],
  'zh-Hans': ['zh-CN', 'cmn-Hans-CN', 'zh-SG', 'zh'],
  'zh-Hant': ['zh-TW', 'cmn-Hant-TW', 'zh-HK'],
  fil: ['fil-PH', 'fil', 'tl-PH', 'tl'],
};

function findVoice(voices: SpeechSynthesisVoice[], language: string): SpeechSynthesisVoice | undefined {
  const wanted = (VOICE_TAGS[language] ?? [language]).map((tag) => tag.toLowerCase());
  const primary = language.split('-')[0]?.toLowerCase() ?? language;
  const matches = (voice: SpeechSynthesisVoice) => {
    const tag = voice.lang.replace('_', '-').toLowerCase();
    return wanted.includes(tag) || (!(language in VOICE_TAGS) && tag.split('-')[0] === primary);
  };
  // Local voices first: the kiosk is often offline.
  return voices.find((voice) => voice.localService && matches(voice)) ?? voices.find(matches);
}

function useVoices(): SpeechSynthesisVoice[] {
  const synth = typeof speechSynthesis === 'undefined' ? null : speechSynthesis;
  const [voices, setVoices] = useState<SpeechSynthesisVoice[]>(() => synth?.getVoices() ?? []);
  useEffect(() => {
    if (!synth) return;
    const update = () => setVoices(synth.getVoices());
    synth.addEventListener('voiceschanged', update);
    update();
    return () => synth.removeEventListener('voiceschanged', update);
  }, [synth]);
  return voices;
}

export interface ReadAloud {
  available: boolean;
  speaking: boolean;
  toggle(): void;
}

/** `text`: what to read, one line per utterance. */
export function useReadAloud(language: string, text: string): ReadAloud {
  const voice = findVoice(useVoices(), language);
  const [speaking, setSpeaking] = useState(false);
  // Cancelling fires late events on old utterances; only the latest reading may end `speaking`.
  const reading = useRef(0);

  // A new language, new text or leaving the screen stops the voice.
  useEffect(
    () => () => {
      reading.current++;
      if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
      setSpeaking(false);
    },
    [language, text],
  );

  const toggle = useCallback(() => {
    if (!voice) return;
    speechSynthesis.cancel();
    const run = ++reading.current;
    const stopped = () => {
      if (run === reading.current) setSpeaking(false);
    };
    if (speaking) {
      setSpeaking(false);
      return;
    }
    // One utterance per line: some engines stop long utterances part-way.
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    lines.forEach((line, index) => {
      const utterance = new SpeechSynthesisUtterance(line);
      utterance.voice = voice;
      utterance.lang = voice.lang;
      utterance.onerror = stopped;
      if (index === lines.length - 1) utterance.onend = stopped;
      speechSynthesis.speak(utterance);
    });
    setSpeaking(lines.length > 0);
  }, [voice, speaking, text]);

  return { available: voice !== undefined, speaking, toggle };
}
