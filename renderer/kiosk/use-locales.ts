// Loads every offered language's ui.json from the core, again whenever the kiosk returns to
// idle (so edited locale files reach the next resident) or the offered languages change.
import { useEffect, useRef, useState } from 'react';
import type { i18n } from 'i18next';
import type { KioskApi, KioskView } from '../../electron/shared/kiosk-api.js';
import { createUiText } from './ui-text.js';

const RETRY_MS = 1000;

export function useLocales(api: KioskApi, view: KioskView | null): i18n | null {
  const [uiText, setUiText] = useState<i18n | null>(null);
  const [idleVisits, setIdleVisits] = useState(0);
  const screen = view?.screen;
  const lastScreen = useRef(screen);
  useEffect(() => {
    if (screen === 'idle' && lastScreen.current !== undefined && lastScreen.current !== 'idle') {
      setIdleVisits((count) => count + 1);
    }
    lastScreen.current = screen;
  }, [screen]);

  const defaultLanguage = view?.defaultLanguage;
  const offered = view?.languages.map((language) => language.code).join(' ');
  useEffect(() => {
    if (defaultLanguage === undefined) return;
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      api.getLocales({}).then(
        (bundles) => {
          if (!stopped) setUiText(createUiText(bundles, defaultLanguage));
        },
        () => {
          if (!stopped) retry = setTimeout(load, RETRY_MS);
        },
      );
    };
    load();
    return () => {
      stopped = true;
      clearTimeout(retry);
    };
  }, [api, defaultLanguage, offered, idleVisits]);
  return uiText;
}
