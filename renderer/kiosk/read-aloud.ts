// Reads the notice aloud from audio shipped with the app (assets/audio, made by
// `npm run audio`): no network, no platform voice. Each unit of the notice has its own
// file, found by the hash of its text; they play in screen order, and a unit without
// one (the staff member's name, an office value not yet spoken) is skipped.
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { RenderedNotice } from '../../electron/shared/kiosk-api.js';
import { AUDIO_BASE, AUDIO_MANIFEST_NAME, audioFileFor, audioManifestSchema, type AudioManifest } from './audio-manifest.js';
import { spokenUnits, unitHash } from './spoken-units.js';

let manifestRequest: Promise<AudioManifest | null> | null = null;

/** The manifest, fetched once per page; null (and tried again next time) if it cannot be had. */
function loadAudioManifest(): Promise<AudioManifest | null> {
  manifestRequest ??= fetch(`${AUDIO_BASE}${AUDIO_MANIFEST_NAME}`)
    .then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    })
    .then((json: unknown) => audioManifestSchema.parse(json))
    .catch((error: unknown) => {
      console.warn('kiosk: read-aloud audio cannot be loaded', error);
      manifestRequest = null;
      return null;
    });
  return manifestRequest;
}

async function audioFilesFor(language: string, units: string[]): Promise<string[]> {
  const manifest = await loadAudioManifest();
  if (!manifest) return [];
  const files: string[] = [];
  for (const unit of units) {
    const file = audioFileFor(manifest, language, await unitHash(unit));
    if (file) files.push(`${AUDIO_BASE}${file}`);
  }
  return files;
}

/** `none`: no audio in this language, the button is disabled; `partial`: some units are skipped. */
export type NoticeAudio = 'loading' | 'none' | 'partial' | 'complete';

export interface ReadAloud {
  audio: NoticeAudio;
  available: boolean;
  speaking: boolean;
  toggle(): void;
  /** For the one <audio> element the notice plays through. */
  playerProps: { ref: RefObject<HTMLAudioElement | null>; onEnded(): void; onError(): void };
}

export function useReadAloud(notice: RenderedNotice): ReadAloud {
  const { language } = notice;
  const units = useMemo(() => spokenUnits(notice), [notice]);
  // The view is pushed often; only a different text is a different reading.
  const unitsKey = units.join('\n');
  const [found, setFound] = useState<{ key: string; files: string[] } | null>(null);
  const [speaking, setSpeaking] = useState(false);
  // Media events can arrive before the re-render that follows a stop: they read this, not `speaking`.
  const reading = useRef(false);
  const player = useRef<HTMLAudioElement>(null);
  const position = useRef(0);

  useEffect(() => {
    let current = true;
    const key = `${language}\n${unitsKey}`;
    void audioFilesFor(language, unitsKey.split('\n')).then((files) => {
      if (current) setFound({ key, files });
    });
    return () => {
      current = false;
    };
  }, [language, unitsKey]);

  const files = found?.key === `${language}\n${unitsKey}` ? found.files : null;

  const stop = useCallback(() => {
    reading.current = false;
    const audio = player.current;
    if (audio) {
      audio.pause();
      audio.removeAttribute('src');
      audio.load();
    }
    setSpeaking(false);
  }, []);

  // Another language, another text or leaving the screen stops the voice.
  useEffect(() => {
    const audio = player.current;
    return () => {
      reading.current = false;
      audio?.pause();
      setSpeaking(false);
    };
  }, [language, unitsKey]);

  const playFrom = useCallback(
    (index: number) => {
      const audio = player.current;
      const file = files?.[index];
      if (!audio || file === undefined) {
        stop();
        return;
      }
      position.current = index;
      audio.src = file;
      audio.play().catch((error: unknown) => {
        // A pause or a new source interrupts play(): that is ours. Refused playback ends the reading.
        if (error instanceof DOMException && error.name === 'NotAllowedError') stop();
      });
    },
    [files, stop],
  );

  const toggle = useCallback(() => {
    if (speaking) {
      stop();
      return;
    }
    if (!files || files.length === 0) return;
    reading.current = true;
    setSpeaking(true);
    playFrom(0);
  }, [speaking, files, stop, playFrom]);

  const next = useCallback(() => {
    if (reading.current) playFrom(position.current + 1);
  }, [playFrom]);

  const audio: NoticeAudio = files === null ? 'loading' : files.length === 0 ? 'none' : files.length < units.length ? 'partial' : 'complete';
  return {
    audio,
    available: audio === 'partial' || audio === 'complete',
    speaking,
    toggle,
    // A file that cannot be played is skipped like a unit without audio.
    playerProps: { ref: player, onEnded: next, onError: next },
  };
}
