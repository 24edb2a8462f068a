// The counter's session machine: idle → notice → acknowledged / questioned / timeout →
// logging (⇄ paused) → ended → idle. Every step is a ledger event, and the state moves only after
// that event is durable, so the screen never thanks a resident for an answer that
// could still be lost.
import type { EventPayload, EventType, LedgerRecord, RecordingMode } from '../../shared/events.js';
import type { Receipt, RenderedNotice, Screen } from '../../shared/kiosk-api.js';
import type { LanguageCode } from '../../shared/languages.js';
import type { KioskConfig } from '../config/schema.js';
import type { LedgerEntry } from '../ledger/consent-ledger.js';
import { KioskError } from './kiosk-error.js';

/** Reasons only the kiosk records; a staff end is always `staff`. */
export const KIOSK_END_REASONS = ['idle', 'kiosk-restart', 'kiosk-recovery'] as const;
export type KioskEndReason = (typeof KIOSK_END_REASONS)[number];
type EndFields = EventPayload<'session.ended'>;

export type Phase = 'idle' | 'notice' | 'questioned' | 'timeout' | 'logging' | 'paused' | 'ended';

export interface EventSink {
  append<T extends EventType>(type: T, sessionId: string | null, payload: EventPayload<T>): Promise<LedgerRecord>;
  /** One write and one fdatasync for all, or none written. */
  appendTogether(entries: LedgerEntry[]): Promise<LedgerRecord[]>;
}

export interface OpenSession {
  id: string;
  by: 'staff' | 'resident';
  staffName: string | null;
  recording: RecordingMode;
  language: LanguageCode;
  notice: RenderedNotice;
  /** Version last reported as rendered by the page; null until it first is. */
  shownVersion: string | null;
  shownAt: number | null;
  answerDeadline: number | null;
  loggingSince: number | null;
  /** Epoch ms at which staff paused the recording; null while recording or not logging. */
  pausedSince: number | null;
  thanksUntil: number | null;
  /** Signed once the answer (or override) is durable; null before, or without a signing key. */
  receipt: Receipt | null;
}

export interface StartRequest {
  by: 'staff' | 'resident';
  staffName: string | null;
  language: LanguageCode;
  recording: RecordingMode;
}

export interface CounterSessionOptions {
  events: EventSink;
  timing: KioskConfig['session'];
  renderNotice: (language: LanguageCode, session: Pick<OpenSession, 'staffName' | 'recording'>) => RenderedNotice;
  newSessionId: () => string;
  onChange: () => void;
  /** Keeps the notice's exact text durably; awaited before the record that names its version. */
  archiveNotice?: (notice: RenderedNotice) => Promise<void>;
  now?: () => number;
  /** Signs a resident's receipt (`KKC1.…`); absent in tests that do not need one. */
  makeReceipt?: (fields: Omit<Receipt, 'text' | 'counterId'>) => string;
}

export class CounterSession {
  private phase: Phase = 'idle';
  private current: OpenSession | null = null;
  private chosen: LanguageCode | null = null;
  private readonly timers = new Map<'answer' | 'idle' | 'thanks' | 'ended', NodeJS.Timeout>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: () => number;

  constructor(private readonly options: CounterSessionOptions) {
    this.now = options.now ?? Date.now;
  }

  get session(): Readonly<OpenSession> | null {
    return this.current;
  }

  /** The language a resident tapped at idle; forgotten by the idle reset or when a session opens. */
  get chosenLanguage(): LanguageCode | null {
    return this.chosen;
  }

  chooseLanguage(language: LanguageCode): void {
    if (this.isOpen()) throw new KioskError('invalid-state', 'a session is open: change the notice language instead');
    this.chosen = language;
    this.armIdleTimer();
    this.changed();
  }

  get state(): Phase {
    return this.phase;
  }

  screen(): Screen {
    switch (this.phase) {
      case 'idle':
        return 'idle';
      case 'notice':
        return 'notice';
      case 'questioned':
        return 'question';
      case 'timeout':
        return 'timeout';
      case 'logging':
      case 'paused':
        return this.current?.thanksUntil ? 'thanks' : 'recording';
      case 'ended':
        return 'ended';
    }
  }

  /** The open session as the staff link's `welcome` and `/v1/status` show it. */
  activeSession(): { sessionId: string; state: Phase } | null {
    return this.current && this.isOpen() ? { sessionId: this.current.id, state: this.phase } : null;
  }

  start(request: StartRequest): Promise<string> {
    return this.serially(async () => {
      if (this.isOpen()) throw new KioskError('conflict', `session ${this.current?.id} is already open`);
      const id = this.options.newSessionId();
      const notice = this.options.renderNotice(request.language, request);
      await this.options.events.append('session.started', id, {
        by: request.by,
        staffName: request.staffName,
        recording: request.recording,
      });
      this.clearTimer('ended');
      this.chosen = null;
      this.current = {
        id,
        by: request.by,
        staffName: request.staffName,
        recording: request.recording,
        language: request.language,
        notice,
        shownVersion: null,
        shownAt: null,
        answerDeadline: null,
        loggingSince: null,
        pausedSince: null,
        thanksUntil: null,
        receipt: null,
      };
      this.enter('notice');
      return id;
    });
  }

  /** The page reports that it rendered this notice; the first time is `notice.shown`. */
  noticeShown(sessionId: string, version: string): Promise<void> {
    return this.serially(async () => {
      const session = this.openSession(sessionId);
      if (version !== session.notice.version) {
        throw new KioskError('invalid-state', `notice ${version} is not the one being shown (${session.notice.version})`);
      }
      if (session.shownVersion === version) return;
      const fields = { language: session.language, noticeVersion: version, reviewed: session.notice.reviewed };
      await this.options.archiveNotice?.(session.notice);
      await this.options.events.append(session.shownAt === null ? 'notice.shown' : 'language.changed', session.id, fields);
      session.shownVersion = version;
      if (session.shownAt === null) session.shownAt = this.now();
      if (this.phase === 'notice') this.armAnswerTimer();
      this.changed();
    });
  }

  changeLanguage(sessionId: string, language: LanguageCode): Promise<void> {
    return this.serially(async () => {
      const session = this.openSession(sessionId);
      if (this.isLogging()) throw new KioskError('invalid-state', 'the notice has already been answered');
      session.language = language;
      session.notice = this.options.renderNotice(language, session);
      if (this.phase === 'notice' && session.shownAt !== null) this.armAnswerTimer();
      this.changed();
    });
  }

  /** The resident's tap. Resolves once the answer is durable. */
  answer(sessionId: string, answer: 'acknowledged' | 'questioned'): Promise<void> {
    return this.serially(async () => {
      const session = this.openSession(sessionId);
      if (session.shownAt === null || session.shownVersion !== session.notice.version) {
        throw new KioskError('invalid-state', 'the notice has not been shown yet');
      }
      const allowed: Phase[] = answer === 'acknowledged' ? ['notice', 'questioned', 'timeout'] : ['notice'];
      if (!allowed.includes(this.phase)) throw new KioskError('invalid-state', `cannot answer while ${this.phase}`);
      const fields = {
        language: session.language,
        noticeVersion: session.notice.version,
        elapsedMs: Math.max(0, Math.round(this.now() - session.shownAt)),
      };
      if (answer === 'questioned') {
        await this.options.events.append('consent.questioned', session.id, fields);
        this.enter('questioned');
        return;
      }
      // The answer and the signal it causes share one fdatasync: the tap-to-signal path's only disk wait.
      const [answered] = await this.options.events.appendTogether([
        { type: 'consent.acknowledged', sessionId: session.id, payload: fields },
        { type: 'logging.start', sessionId: session.id, payload: { by: 'acknowledgement', recording: session.recording } },
      ]);
      this.giveReceipt(session, answered, 'acknowledged');
      this.loggingStarted(session, true);
    });
  }

  /** Staff decided to record after explaining; logged as an override with its reason. */
  override(sessionId: string, reason: string): Promise<void> {
    return this.serially(async () => {
      const session = this.openSession(sessionId);
      if (this.isLogging()) throw new KioskError('invalid-state', 'logging has already started');
      const started = await this.options.events.append('logging.start', session.id, { by: 'staff-override', reason, recording: session.recording });
      this.giveReceipt(session, started, 'override');
      // No thank-you: the resident did not say "I understand"; the recording indicator shows at once.
      this.loggingStarted(session, false);
    });
  }

  /** Staff stop the recording for a while (a private aside); the indicator says so. */
  pause(sessionId: string, reason = ''): Promise<void> {
    return this.serially(async () => {
      const session = this.openSession(sessionId);
      if (this.phase !== 'logging') throw new KioskError('invalid-state', `cannot pause while ${this.phase}`);
      await this.options.events.append('logging.paused', session.id, { reason });
      session.pausedSince = this.now();
      this.enter('paused');
    });
  }

  resume(sessionId: string): Promise<void> {
    return this.serially(async () => {
      const session = this.openSession(sessionId);
      if (this.phase !== 'paused') throw new KioskError('invalid-state', `cannot resume while ${this.phase}`);
      await this.options.events.append('logging.resumed', session.id, {});
      session.pausedSince = null;
      this.enter('logging');
    });
  }

  /** Staff ended the session: always recorded as `staff`, their own words beside it, never as a kiosk reason. */
  end(sessionId: string, staffReason?: string): Promise<void> {
    return this.serially(async () => {
      const session = this.openSession(sessionId);
      await this.close(session, { reason: 'staff', ...(staffReason !== undefined && { staffReason }) });
    });
  }

  /** The kiosk itself closed the session (a screen recovery), with its own reason. */
  closeByKiosk(sessionId: string, reason: KioskEndReason): Promise<void> {
    return this.serially(async () => {
      const session = this.openSession(sessionId);
      await this.close(session, { reason });
    });
  }

  /** Closes whatever is open (shutdown); a no-op when idle. */
  closeOpen(reason: KioskEndReason): Promise<void> {
    return this.serially(async () => {
      this.clearAllTimers();
      if (this.current && this.isOpen()) await this.close(this.current, { reason });
      this.clearAllTimers();
    });
  }

  /** A touch on the screen: postpones the idle reset, and on request the answer timeout. */
  touch(extendAnswer: boolean): void {
    if (this.isLogging() || (this.phase === 'idle' && this.chosen === null)) return;
    this.armIdleTimer();
    if (extendAnswer && this.phase === 'notice' && this.current?.shownAt != null) {
      this.armAnswerTimer();
      this.changed();
    }
  }

  /** State after `logging.start` is durable. */
  /** The resident's signed receipt, from the durable record of the answer; none if signing fails. */
  private giveReceipt(session: OpenSession, record: LedgerRecord | undefined, answer: Receipt['answer']): void {
    const make = this.options.makeReceipt;
    if (!make || !record) return;
    const fields = { sessionId: session.id, ts: record.ts, noticeVersion: session.notice.version, answer };
    try {
      session.receipt = { text: make(fields), counterId: record.counterId, ...fields };
    } catch {
      session.receipt = null; // a receipt is a courtesy: its failure never holds up the recording
    }
  }

  private loggingStarted(session: OpenSession, thank: boolean): void {
    session.answerDeadline = null;
    session.loggingSince = this.now();
    if (thank) {
      session.thanksUntil = this.now() + this.options.timing.thanksSeconds * 1000;
      this.setTimer('thanks', this.options.timing.thanksSeconds * 1000, () => {
        session.thanksUntil = null;
        this.changed();
      });
    }
    this.enter('logging');
  }

  private async close(session: OpenSession, why: EndFields): Promise<void> {
    if (this.isLogging()) await this.options.events.append('logging.stop', session.id, why);
    session.pausedSince = null;
    await this.options.events.append('session.ended', session.id, why);
    this.enter('ended');
    this.setTimer('ended', this.options.timing.endedSeconds * 1000, () => {
      this.current = null;
      this.enter('idle');
    });
  }

  private enter(phase: Phase): void {
    this.phase = phase;
    this.clearTimer('answer');
    this.clearTimer('idle');
    if (!this.isLogging()) this.clearTimer('thanks');
    if (this.current) {
      if (!this.isLogging()) this.current.thanksUntil = null;
      if (phase !== 'notice') this.current.answerDeadline = null;
    }
    if (phase === 'notice' && this.current?.shownAt != null) this.armAnswerTimer();
    if (phase === 'notice' || phase === 'questioned' || phase === 'timeout') this.armIdleTimer();
    this.changed();
  }

  private armAnswerTimer(): void {
    const session = this.current;
    if (!session) return;
    const ms = this.options.timing.answerTimeoutSeconds * 1000;
    session.answerDeadline = this.now() + ms;
    this.setTimer('answer', ms, () => {
      void this.serially(async () => {
        if (this.phase !== 'notice' || this.current !== session || session.shownAt === null) return;
        await this.options.events.append('consent.timeout', session.id, {
          language: session.language,
          noticeVersion: session.notice.version,
          elapsedMs: Math.max(0, Math.round(this.now() - session.shownAt)),
        });
        this.enter('timeout');
      }).catch(() => undefined);
    });
  }

  private armIdleTimer(): void {
    const session = this.current;
    this.setTimer('idle', this.options.timing.idleResetSeconds * 1000, () => {
      if (this.chosen !== null && !this.isOpen()) {
        this.chosen = null;
        this.changed();
      }
      void this.serially(async () => {
        if (session && this.current === session && this.isOpen() && !this.isLogging()) {
          await this.close(session, { reason: 'idle' });
        }
      }).catch(() => undefined);
    });
  }

  /** Logging has started and not stopped: recording now, or paused by staff. */
  private isLogging(): boolean {
    return this.phase === 'logging' || this.phase === 'paused';
  }

  private isOpen(): boolean {
    return this.phase !== 'idle' && this.phase !== 'ended';
  }

  private openSession(sessionId: string): OpenSession {
    if (!this.current || this.current.id !== sessionId) throw new KioskError('not-found', `no session ${sessionId}`);
    if (!this.isOpen()) throw new KioskError('invalid-state', `session ${sessionId} has ended`);
    return this.current;
  }

  /** One change at a time: a tap and a staff command never interleave half-way. */
  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private setTimer(name: 'answer' | 'idle' | 'thanks' | 'ended', ms: number, fire: () => void): void {
    this.clearTimer(name);
    const timer = setTimeout(() => {
      this.timers.delete(name);
      fire();
    }, ms);
    timer.unref();
    this.timers.set(name, timer);
  }

  private clearTimer(name: 'answer' | 'idle' | 'thanks' | 'ended'): void {
    const timer = this.timers.get(name);
    if (timer) clearTimeout(timer);
    this.timers.delete(name);
  }

  private clearAllTimers(): void {
    for (const name of [...this.timers.keys()]) this.clearTimer(name);
  }

  private changed(): void {
    this.options.onChange();
  }
}
