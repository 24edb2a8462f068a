// The staff link's frames and bodies (staff-link.md), shared by the kiosk, the staff
// console and the integrators' client. Runtime-free: zod only.
import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from './call-errors.js';
import { RECORDING_MODES, ledgerRecordSchema, type LedgerRecord } from './events.js';
import { HIDDEN_OR_BREAKING, STAFF_TEXT_MAX } from './staff-words.js';

export const STAFF_PROTOCOL = 1;
export const STAFF_SOCKET_PATH = '/v1/staff';
export const MAX_FRAME_BYTES = 64 * 1024;

const requestId = z.union([z.string().min(1).max(128), z.number()]);

/**
 * Staff words that go into the ledger or onto the notice (a name, a reason): checked
 * before trimming, so a hidden character is refused rather than silently cut off.
 */
export function staffText(max: number) {
  return z
    .string()
    .refine((text) => !HIDDEN_OR_BREAKING.test(text), {
      message: 'must not contain control, format (bidi) or line/paragraph separator characters',
    })
    .transform((text) => text.trim())
    .pipe(z.string().min(1).max(max));
}

export const sessionStartBody = z
  .object({
    staffName: staffText(STAFF_TEXT_MAX.staffName).optional(),
    language: z.string().min(2).max(35).optional(),
    recording: z.enum(RECORDING_MODES).optional(),
  })
  .strict();
export const overrideBody = z.object({ reason: staffText(STAFF_TEXT_MAX.overrideReason) }).strict();
export const endBody = z.object({ reason: staffText(STAFF_TEXT_MAX.endReason).optional() }).strict();
/** A pause's reason may be left out or empty (the ledger then records ""). */
export const pauseBody = z.object({ reason: z.literal('').or(staffText(STAFF_TEXT_MAX.pauseReason)).optional() }).strict();
export const resumeBody = z.object({}).strict();

export const clientFrameSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('hello'),
      token: z.string().max(256).optional(),
      since: z.number().int().nonnegative().optional(),
      client: z.object({ name: z.string().max(100), version: z.string().max(50) }).strict().optional(),
    })
    .strict(),
  sessionStartBody.extend({ type: z.literal('session.start'), id: requestId }).strict(),
  overrideBody.extend({ type: z.literal('session.override'), id: requestId, sessionId: z.string().min(1).max(64) }).strict(),
  endBody.extend({ type: z.literal('session.end'), id: requestId, sessionId: z.string().min(1).max(64) }).strict(),
  pauseBody.extend({ type: z.literal('session.pause'), id: requestId, sessionId: z.string().min(1).max(64) }).strict(),
  resumeBody.extend({ type: z.literal('session.resume'), id: requestId, sessionId: z.string().min(1).max(64) }).strict(),
  z.object({ type: z.literal('ping'), id: requestId }).strict(),
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;
export type RequestId = z.infer<typeof requestId>;

// The refusal codes have one source, shared with the page's calls.
export { ERROR_CODES, type ErrorCode } from './call-errors.js';

export interface ActiveSession {
  sessionId: string;
  state: string;
}

export type KioskFrame =
  | {
      type: 'welcome';
      protocol: typeof STAFF_PROTOCOL;
      kioskId: string;
      counterId: string;
      lastSeq: number;
      screen: 'connected' | 'disconnected';
      activeSession: ActiveSession | null;
    }
  | ({ type: 'result'; id: RequestId; ok: true } & Record<string, unknown>)
  | { type: 'error'; id: RequestId | null; code: ErrorCode; message: string }
  | { type: 'event'; event: LedgerRecord };

/** What a client accepts from the kiosk; an event's own fields are checked with `EVENT_PAYLOADS`. */
export const kioskFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    protocol: z.literal(STAFF_PROTOCOL),
    kioskId: z.string(),
    counterId: z.string(),
    lastSeq: z.number().int().nonnegative(),
    screen: z.enum(['connected', 'disconnected']),
    activeSession: z.object({ sessionId: z.string(), state: z.string() }).nullable(),
  }),
  z.object({ type: z.literal('result'), id: requestId, ok: z.literal(true) }).catchall(z.unknown()),
  z.object({ type: z.literal('error'), id: requestId.nullable(), code: z.enum(ERROR_CODES), message: z.string() }),
  z.object({ type: z.literal('event'), event: ledgerRecordSchema }),
]) satisfies z.ZodType<KioskFrame>;
