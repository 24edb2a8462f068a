// What the kiosk page shows, computed from the session and the office's settings.
import type { KioskView, Screen } from '../../shared/kiosk-api.js';
import { LANGUAGE_CODES, type LanguageCode } from '../../shared/languages.js';
import { officeTextFor, type KioskConfig } from '../config/schema.js';
import type { Locale } from '../notice/locale-files.js';
import type { CounterSession } from './counter-session.js';

/** The picker's languages: enabled, loaded, and reviewed unless the office shows unreviewed ones. */
export function offeredLanguages(config: KioskConfig, locales: Map<LanguageCode, Locale>): LanguageCode[] {
  return config.languages.enabled.filter((code) => {
    const locale = locales.get(code);
    return locale !== undefined && (locale.reviewed || config.languages.showUnreviewed);
  });
}

/** The staff app's language hint, matched loosely (`pt` → `pt-BR`, `zh-hant` → `zh-Hant`). */
export function pickLanguage(hint: string | undefined, offered: LanguageCode[]): LanguageCode {
  const fallback = offered[0] ?? 'ja';
  if (!hint) return fallback;
  const lower = hint.toLowerCase();
  const exact = offered.find((code) => code.toLowerCase() === lower);
  if (exact) return exact;
  const base = lower.split('-')[0];
  return offered.find((code) => code.toLowerCase().split('-')[0] === base) ?? fallback;
}

export interface ViewInputs {
  config: KioskConfig;
  locales: Map<LanguageCode, Locale>;
  offered: LanguageCode[];
  session: CounterSession;
  problems: string[];
  screenOverride: Screen | null;
}

export function buildView({ config, locales, offered, session, problems, screenOverride }: ViewInputs): KioskView {
  const defaultLanguage = offered[0] ?? LANGUAGE_CODES[0];
  const open = session.session;
  const screen = screenOverride ?? session.screen();
  return {
    screen,
    office: {
      name: officeTextFor(config.office.name, defaultLanguage, config.languages.officeTextFallback),
      names: Object.fromEntries(offered.map((code) => [code, officeTextFor(config.office.name, code, config.languages.officeTextFallback)])),
      isExample: config.office.example,
    },
    languages: offered.map((code) => {
      const locale = locales.get(code) as Locale;
      return { code, name: locale.name, reviewed: locale.reviewed };
    }),
    defaultLanguage,
    residentCanStart: config.session.startBy !== 'staff',
    recordingMode: config.recording.mode,
    chosenLanguage: session.chosenLanguage,
    session:
      open && screen !== 'idle'
        ? {
            sessionId: open.id,
            language: open.language,
            staffName: open.staffName,
            recording: open.recording,
            notice: open.notice,
            answerDeadline: open.answerDeadline,
            loggingSince: open.loggingSince,
            pausedSince: open.pausedSince,
            receipt: open.receipt,
          }
        : null,
    problems,
    now: Date.now(),
  };
}
