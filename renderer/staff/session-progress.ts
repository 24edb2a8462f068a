// What the console shows of the latest session, followed from the ledger events the
// staff link streams (or, right after connecting, from the welcome's snapshot).
import type { ActiveSession, LedgerEvent, RecordingMode } from '../../electron/staff-client/index.js';

export type Step = 'started' | 'notice' | 'acknowledged' | 'questioned' | 'timeout' | 'logging' | 'paused' | 'ended';
/** A history line: a step reached, or recording resumed after a pause. */
export type HistoryStep = Step | 'resumed';

export interface SessionProgress {
  sessionId: string;
  step: Step;
  by: 'staff' | 'resident' | null;
  staffName: string | null;
  recording: RecordingMode | null;
  language: string | null;
  /** Set once logging started: who decided, and the staff member's reason for an override. */
  logging: { by: 'acknowledgement' | 'staff-override'; reason: string | null } | null;
  /** While paused: the reason staff gave, as the ledger's `logging.paused` holds it ("" for none); null when not known to be paused. */
  pause: { reason: string } | null;
  /** Each step reached, with the kiosk's timestamp (null when only known from a snapshot). */
  history: Array<{ step: HistoryStep; at: string | null }>;
}

const STEP_OF_EVENT: Partial<Record<LedgerEvent['type'], Step>> = {
  'session.started': 'started',
  'notice.shown': 'notice',
  'consent.acknowledged': 'acknowledged',
  'consent.questioned': 'questioned',
  'consent.timeout': 'timeout',
  'logging.start': 'logging',
  'logging.paused': 'paused',
  'logging.resumed': 'logging',
  'session.ended': 'ended',
};

/** The session machine's phase names, as `welcome.activeSession.state` gives them. */
const STEP_OF_PHASE: Record<string, Step> = { notice: 'notice', questioned: 'questioned', timeout: 'timeout', logging: 'logging', paused: 'paused' };

export function fromSnapshot(active: ActiveSession | null): SessionProgress | null {
  const step = active ? STEP_OF_PHASE[active.state] : undefined;
  if (!active || !step) return null;
  return { sessionId: active.sessionId, step, by: null, staffName: null, recording: null, language: null, logging: null, pause: null, history: [{ step, at: null }] };
}

export function followSession(current: SessionProgress | null, event: LedgerEvent): SessionProgress | null {
  if (event.type === 'session.started' && event.sessionId !== null) {
    return {
      sessionId: event.sessionId,
      step: 'started',
      by: event.by,
      staffName: event.staffName,
      recording: event.recording,
      language: null,
      logging: null,
      pause: null,
      history: [{ step: 'started', at: event.ts }],
    };
  }
  const step = STEP_OF_EVENT[event.type];
  if (!current || !step || event.sessionId !== current.sessionId) return current;
  const line: HistoryStep = event.type === 'logging.resumed' ? 'resumed' : step;
  const next: SessionProgress = { ...current, step, history: [...current.history, { step: line, at: event.ts }] };
  if (event.type === 'notice.shown') next.language = event.language;
  next.pause = event.type === 'logging.paused' ? { reason: event.reason } : null;
  if (event.type === 'logging.start') {
    next.logging = { by: event.by, reason: event.reason ?? null };
    next.recording = event.recording;
  }
  return next;
}

/** The resident is waiting for a person: the console alerts. */
export function needsStaff(progress: SessionProgress | null): boolean {
  return progress?.step === 'questioned' || progress?.step === 'timeout';
}

export function isOpen(progress: SessionProgress | null): boolean {
  return progress !== null && progress.step !== 'ended';
}
