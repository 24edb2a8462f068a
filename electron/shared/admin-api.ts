// The admin screen's part of KioskApi (`adminUnlock`, `adminStatus`, `adminExit`,
// `adminLock` in KIOSK_CALLS). Runtime-free: the core, both shells and the page use it.
import { z } from 'zod';

/** A short-lived admin session id, handed out by `adminUnlock` for the right PIN. */
export const adminSessionId = z.string().min(1).max(64);

export const adminUnlockInput = z.object({ pin: z.string().min(1).max(32) }).strict();
export const adminSessionInput = z.object({ adminSession: adminSessionId }).strict();

export type AdminUnlockResult =
  | { ok: true; adminSession: string; expiresAt: number }
  /** Wrong PIN; after `attemptsLeft` more the door locks. */
  | { ok: false; reason: 'wrong-pin'; attemptsLeft: number }
  /** Too many wrong PINs: nothing is accepted until `lockedUntil` (epoch ms). */
  | { ok: false; reason: 'locked'; lockedUntil: number }
  /** `admin.pin` is still the default: a real office must set its own before the screen opens. */
  | { ok: false; reason: 'pin-not-set' };

export interface WebhookBacklog {
  url: string;
  /** Events in the ledger not yet delivered to this endpoint. */
  backlog: number;
  lastError: string | null;
}

/** The records hub's delivery, as the admin screen shows it. */
export interface HubDelivery {
  /** Scheme, host and port. */
  url: string;
  backlog: number;
  lastDeliveredSeq: number;
  /** RFC 3339, null if the hub never took a record. */
  lastDeliveryAt: string | null;
  /** Why delivery is stuck (the hub refuses, or cannot be reached); null while it flows. */
  problem: string | null;
}

export type LedgerCheck =
  | { ok: true; events: number; lastSeq: number; head: string }
  | { ok: false; segment: string; line: number; problem: string };

export interface ClockStatus {
  /** False after a jump that was not undone: retention deletes nothing meanwhile. */
  trusted: boolean;
  /** The sum of the clock's jumps since start, in ms (negative: set back). */
  offsetMs: number;
  jumps: number;
  /** The clock's reading at the last jump. */
  lastJumpAt: string | null;
}

/** An enabled language whose resident would read one of the office's texts in another language. */
export interface OfficeTextGap {
  language: string;
  /** Where the text is in kokuchi.config.json. */
  field: 'office.name' | 'office.contact' | 'recording.access' | 'residentRecording.reason';
  /** The language of the entry shown instead (`languages.officeTextFallback`). */
  shownIn: string;
}

export interface AdminStatus {
  kioskId: string;
  counterId: string;
  version: string;
  staffLink: {
    /** Where the staff link listens, as configured (may be a wildcard address). */
    url: string;
    /** URLs a staff app on the LAN can use, nearest first. */
    addresses: string[];
    token: string;
    /** `kokuchi://pair?url=…&token=…&counter=…`, drawn as the pairing QR code. */
    pairingUri: string;
  };
  /** Staff apps connected and authenticated right now. */
  staffClients: number;
  webhooks: WebhookBacklog[];
  /** Null when no records hub is configured. */
  hub: HubDelivery | null;
  ledger: { lastSeq: number; verify: LedgerCheck };
  /** The system clock as the ledger sees it (jumps against the time since boot). */
  clock: ClockStatus;
  /** Offered languages, in the picker's order. */
  languages: string[];
  /** Why the kiosk is in maintenance, if it is. */
  problems: string[];
  /** Offered languages that show another language's office text (empty when every one has its own). */
  officeTextGaps: OfficeTextGap[];
  /** The key residents' receipts are signed with: `sha256:` + hex of its raw public half, as the ledger's `kiosk.key` records it. */
  receiptKey: { fingerprint: string };
  /** Whether this shell can exit the kiosk (Electron yes; headless no: stop the service instead). */
  canExit: boolean;
}
