// When only staff may start a session, a resident who taps a language at idle is telling
// us their language early. We keep it (never in the core: it identifies no one but is the
// resident's own choice) and switch the staff-started session to it before the notice shows.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { KioskApi, KioskView } from '../../electron/shared/kiosk-api.js';
import { logCallFailure } from './kiosk-context.js';

/** A tapped language is forgotten if no session starts within this time (a walk-away). */
const HINT_LIFETIME_MS = 120_000;
/** Longest the notice is held back while the core switches language. */
const SWITCH_WAIT_MS = 3000;

export interface LanguageHint {
  /** The language tapped at idle, or null. */
  hint: string | null;
  remember(language: string): void;
  /** True while the session's notice is about to switch to the hint: show nothing yet. */
  holdNotice: boolean;
}

export function useLanguageHint(api: KioskApi, view: KioskView): LanguageHint {
  const [hint, setHint] = useState<string | null>(null);
  const requested = useRef<string | null>(null);
  const session = view.session;
  const offered = hint !== null && view.languages.some((language) => language.code === hint);
  const holdNotice =
    hint !== null && offered && session !== null && view.screen === 'notice' && session.language !== hint;

  // Forget it after a while without a session.
  const hasSession = session !== null;
  useEffect(() => {
    if (hint === null || hasSession) return;
    const timer = setTimeout(() => setHint(null), HINT_LIFETIME_MS);
    return () => clearTimeout(timer);
  }, [hint, hasSession]);

  // A session is here: switch it once, then forget the hint.
  const sessionId = session?.sessionId ?? null;
  useEffect(() => {
    if (hint === null || sessionId === null) return;
    if (!holdNotice) {
      setHint(null);
      return;
    }
    if (requested.current === sessionId) return;
    requested.current = sessionId;
    api.changeLanguage({ sessionId, language: hint }).catch((error: unknown) => {
      logCallFailure('changeLanguage')(error);
      setHint(null);
    });
    const giveUp = setTimeout(() => setHint(null), SWITCH_WAIT_MS);
    return () => clearTimeout(giveUp);
  }, [api, hint, sessionId, holdNotice]);

  const remember = useCallback((language: string) => setHint(language), []);
  return { hint, remember, holdNotice };
}
