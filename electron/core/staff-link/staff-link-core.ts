// What the staff link may ask of the kiosk: nothing that presses the resident's buttons.
import type { LedgerRecord } from '../../shared/events.js';
import type { ActiveSession } from '../../shared/staff-protocol.js';

export interface SessionStartInput {
  staffName?: string | undefined;
  language?: string | undefined;
  recording?: 'audio' | 'audio-video' | undefined;
}

export interface StaffLinkCore {
  readonly kioskId: string;
  readonly counterId: string;
  token(): string;
  /** `kokuchi token --rotate` replaced the token while the kiosk runs; absent when it cannot change. */
  onTokenRotated?(listener: () => void): () => void;
  lastSeq(): number;
  readAfter(seq: number, limit: number): Promise<LedgerRecord[]>;
  /** Each durable record; `batchEnds` on the last of the records written together; `line`, its ledger line. */
  onEvent(listener: (record: LedgerRecord, batchEnds: boolean, line: string) => void): () => void;
  welcome(): { screen: 'connected' | 'disconnected'; activeSession: ActiveSession | null };
  status(): Record<string, unknown>;
  startSession(input: SessionStartInput): Promise<string>;
  override(sessionId: string, reason: string): Promise<void>;
  end(sessionId: string, reason: string | undefined): Promise<void>;
  /** While logging: `logging.paused`; otherwise `invalid-state`. */
  pause(sessionId: string, reason: string | undefined): Promise<void>;
  /** While paused: `logging.resumed`; otherwise `invalid-state`. */
  resume(sessionId: string): Promise<void>;
  /** `GET /metrics`: Prometheus text and its content type. */
  metrics(): Promise<{ contentType: string; text: string }>;
}
