// The one contract between the kiosk page and the core. The renderer is written
// against `KioskApi` only; Electron implements it over IPC, the headless shell over
// a loopback WebSocket. `KIOSK_CALLS` is the single source of truth for both: each
// call's input schema is checked on the core side before anything happens.
import { z } from 'zod';
import { adminSessionInput, adminUnlockInput, type AdminStatus, type AdminUnlockResult } from './admin-api.js';
import type { RecordingMode } from './events.js';

export type { KioskCallError } from './call-errors.js';

export const SCREENS = [
  'idle',
  'notice',
  'question',
  'timeout',
  'thanks',
  'recording',
  'ended',
  'maintenance',
] as const;
export type Screen = (typeof SCREENS)[number];

/** One block of the notice. Strings may hold ruby markup: `{漢字|かんじ}`. */
export interface NoticeSection {
  key: string;
  heading: string;
  paragraphs: string[];
}

/** The notice exactly as the resident sees it, office values filled in. */
export interface RenderedNotice {
  language: string;
  /** `sha256:` + hex of `text`; the `noticeVersion` of the ledger. */
  version: string;
  reviewed: boolean;
  title: string;
  sections: NoticeSection[];
  answers: { acknowledge: string; question: string };
  policyUrl: string;
  /** The canonical text the version hashes (what `kokuchi doctor` and auditors can re-derive). */
  text: string;
}

export interface LanguageChoice {
  code: string;
  /** The language's name in its own script. */
  name: string;
  reviewed: boolean;
}

export interface SessionView {
  sessionId: string;
  language: string;
  staffName: string | null;
  recording: RecordingMode;
  notice: RenderedNotice;
  /** Epoch ms at which an unanswered notice times out; null once answered. */
  answerDeadline: number | null;
  /** Epoch ms at which logging started; null while not logging. */
  loggingSince: number | null;
  /** Epoch ms at which staff paused the recording; null while recording or not logging. */
  pausedSince: number | null;
  /** The resident's signed receipt once they answered "I understand" or staff overrode; else null. */
  receipt: Receipt | null;
}

/** What the receipt QR code holds (`text`, signed by the kiosk) and the short reference shown beside it. */
export interface Receipt {
  text: string;
  counterId: string;
  sessionId: string;
  /** Ledger time of the answer, RFC 3339 UTC. */
  ts: string;
  noticeVersion: string;
  answer: 'acknowledged' | 'override';
}

/** Everything the kiosk page shows, pushed by the core on every change. */
export interface KioskView {
  screen: Screen;
  /** `name` in the default language; `names` per offered language (office text falls back to en, then ja). */
  office: { name: string; names: Record<string, string>; isExample: boolean };
  /** Languages offered by the picker, in the office's order. */
  languages: LanguageChoice[];
  /** Language of the idle screen's own text (the office's first language). */
  defaultLanguage: string;
  residentCanStart: boolean;
  /**
   * What this counter records (`recording.mode` in the configuration), so the idle screen can
   * say it before any session; a staff app may give a session another mode (`session.recording`).
   */
  recordingMode: RecordingMode;
  /** The language a resident tapped at idle, until a session opens or the idle reset forgets it. */
  chosenLanguage: string | null;
  session: SessionView | null;
  /** Problems that keep the kiosk in maintenance (for staff, not residents). */
  problems: string[];
  /** Server clock when this view was made, so the page can correct for drift. */
  now: number;
}

/** The chrome strings of one locale (ui.json), nested as i18next resources. */
export type UiStrings = { [key: string]: string | UiStrings };

export interface LocaleBundle {
  code: string;
  name: string;
  reviewed: boolean;
  ui: UiStrings;
}

const language = z.string().min(2).max(16);
const sessionId = z.string().min(1).max(64);

export const KIOSK_CALLS = {
  /** The current view; the page then follows `onView`. */
  getView: z.object({}).strict(),
  /** ui.json of every offered language, for the picker and the chrome. */
  getLocales: z.object({}).strict(),
  /** The resident taps the idle screen (when the office allows it). */
  startSession: z.object({ language }).strict(),
  /** The resident taps a language while only staff may start: the next session opens in it. */
  chooseLanguage: z.object({ language }).strict(),
  /** The page has rendered this notice; the core writes `notice.shown`. */
  noticeShown: z.object({ sessionId, noticeVersion: z.string().max(80) }).strict(),
  answer: z.object({ sessionId, answer: z.enum(['acknowledged', 'questioned']) }).strict(),
  changeLanguage: z.object({ sessionId, language }).strict(),
  /** The resident touched the screen: postpones idle reset and extends the answer time. */
  touch: z.object({ extendAnswer: z.boolean().optional() }).strict(),
  /** Staff, after the hidden gesture: the admin PIN; wrong PINs are limited by the core. */
  adminUnlock: adminUnlockInput,
  adminStatus: adminSessionInput,
  /** Exits the kiosk app (Electron only). */
  adminExit: adminSessionInput,
  /** Leaves the admin screen: the admin session ends. */
  adminLock: adminSessionInput,
} as const;

export type KioskCall = keyof typeof KIOSK_CALLS;
export type KioskCallInput<C extends KioskCall> = z.infer<(typeof KIOSK_CALLS)[C]>;

export interface KioskCallOutput {
  getView: KioskView;
  getLocales: LocaleBundle[];
  startSession: { sessionId: string };
  chooseLanguage: { ok: true };
  noticeShown: { ok: true };
  /** Resolves only once the answer is durably in the ledger. */
  answer: { ok: true };
  changeLanguage: { ok: true };
  touch: { ok: true };
  adminUnlock: AdminUnlockResult;
  adminStatus: AdminStatus;
  adminExit: { ok: true };
  adminLock: { ok: true };
}

export type KioskApi = {
  [C in KioskCall]: (input: KioskCallInput<C>) => Promise<KioskCallOutput[C]>;
} & {
  /** Calls `listener` with every new view; returns an unsubscribe function. */
  onView(listener: (view: KioskView) => void): () => void;
};

