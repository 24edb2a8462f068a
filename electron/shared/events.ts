// Runtime-free contract: the ledger record, exactly as ledger.md fixes it.
// Runs in Node, Electron and the browser; imports nothing but zod.
import { z } from 'zod';

export const RECORDING_MODES = ['audio', 'audio-video'] as const;
export type RecordingMode = (typeof RECORDING_MODES)[number];

export const EVENT_TYPES = [
  'kiosk.started',
  'session.started',
  'notice.shown',
  'language.changed',
  'consent.acknowledged',
  'consent.questioned',
  'consent.timeout',
  'logging.start',
  'logging.stop',
  'session.ended',
  'ledger.recovered',
  'ledger.pruned',
  'kiosk.recovered',
  'admin.unlocked',
  'admin.locked-out',
  'update.refused',
  'logging.paused',
  'logging.resumed',
  'kiosk.key',
  'clock.jumped',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The fields every record carries, in the order they are written. */
export const BASE_FIELDS = ['seq', 'id', 'ts', 'type', 'kioskId', 'counterId', 'sessionId', 'prev'] as const;


/** Why the kiosk screen had to be recovered: Electron's `render-process-gone` reasons, or a hang. */
export const RECOVERY_CAUSES = [
  'crashed', 'oom', 'killed', 'abnormal-exit', 'launch-failed', 'integrity-failure', 'memory-eviction', 'unresponsive',
] as const;
export type RecoveryCause = (typeof RECOVERY_CAUSES)[number];
export const RECOVERY_ACTIONS = ['reload', 'relaunch'] as const;
export type RecoveryAction = (typeof RECOVERY_ACTIONS)[number];

const noticeVersion = z.string().regex(/^sha256:[0-9a-f]{64}$/);
const answerFields = z.object({ language: z.string(), noticeVersion, elapsedMs: z.number().int().nonnegative() });
// A staff end is `reason: "staff"` with the staff's own words in `staffReason`.
const endFields = z.object({ reason: z.string(), staffReason: z.string().max(64).optional() });
const shownFields = z.object({ language: z.string(), noticeVersion, reviewed: z.boolean() });

/** The type-specific payloads, as the core hands them to the ledger; the one source of each type's fields. */
const PAYLOAD_OBJECTS = {
  'kiosk.started': z.object({ version: z.string(), configVersion: z.string() }),
  'session.started': z.object({
    by: z.enum(['staff', 'resident']),
    staffName: z.string().max(40).nullable(),
    recording: z.enum(RECORDING_MODES),
  }),
  'notice.shown': shownFields,
  'language.changed': shownFields,
  'consent.acknowledged': answerFields,
  'consent.questioned': answerFields,
  'consent.timeout': answerFields,
  'logging.start': z.object({
    by: z.enum(['acknowledgement', 'staff-override']),
    reason: z.string().max(200).optional(),
    recording: z.enum(RECORDING_MODES),
  }),
  'logging.stop': endFields,
  'session.ended': endFields,
  'ledger.recovered': z.object({ segment: z.string(), quarantinedBytes: z.number().int().nonnegative() }),
  'ledger.pruned': z.object({
    segments: z.array(
      z.object({ segment: z.string(), firstSeq: z.number().int(), lastSeq: z.number().int(), lastHash: z.string() }),
    ),
  }),
  'kiosk.recovered': z.object({ cause: z.enum(RECOVERY_CAUSES), action: z.enum(RECOVERY_ACTIONS) }),
  /** Wrong PINs typed since the last unlock or lock-out, before this right one. */
  'admin.unlocked': z.object({ failedAttempts: z.number().int().nonnegative() }),
  'admin.locked-out': z.object({ failedAttempts: z.number().int().positive(), lockedUntil: z.iso.datetime() }),
  /** A LAN update that was not installed: unsigned, a bad signature, or not HTTPS. */
  'update.refused': z.object({ version: z.string().max(64), reason: z.string().max(200) }),
  'logging.paused': z.object({ reason: z.string().max(200) }),
  'logging.resumed': z.object({}),
  /** The kiosk's receipt-signing key, so the hub and auditors learn it from the ledger. */
  'kiosk.key': z.object({
    algorithm: z.literal('ed25519'),
    publicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    fingerprint: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  }),
  // The system clock stepped by offsetMs beyond the time that passed; clockTs is what it read.
  'clock.jumped': z.object({ offsetMs: z.number().int(), clockTs: z.string() }),
} satisfies Record<EventType, z.ZodObject>;

/**
 * The payload schemas, typed for callers: `logging.resumed` as no fields of its own (a bare
 * `z.object({})` infers `Record<string, never>`, which no record fits).
 */
export const EVENT_PAYLOADS = PAYLOAD_OBJECTS as {
  [T in EventType]: T extends 'logging.resumed' ? z.ZodType<Record<never, never>> : (typeof PAYLOAD_OBJECTS)[T];
};

/**
 * Each type's own fields, in the order they are written after the base fields: the keys of its
 * zod schema, so a field the schema gains is written, checked and exported, never dropped.
 */
export const TYPE_FIELDS: Readonly<Record<EventType, readonly string[]>> = Object.fromEntries(
  EVENT_TYPES.map((type) => [type, Object.freeze(Object.keys(PAYLOAD_OBJECTS[type].shape))]),
) as Record<EventType, readonly string[]>;

export type EventPayload<T extends EventType> = z.infer<(typeof EVENT_PAYLOADS)[T]>;

export const ledgerRecordSchema = z
  .object({
    seq: z.number().int().positive(),
    id: z.string().uuid(),
    ts: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    type: z.enum(EVENT_TYPES),
    kioskId: z.string(),
    counterId: z.string(),
    sessionId: z.string().nullable(),
    prev: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .catchall(z.unknown());

/** One ledger line, as stored and as sent on the staff link and to webhooks. */
export type LedgerRecord = z.infer<typeof ledgerRecordSchema>;

type RecordShape = typeof ledgerRecordSchema.shape;
type RecordBase = { [K in Exclude<keyof RecordShape, 'type'>]: z.infer<RecordShape[K]> };
/** A ledger record with its type's own fields typed: a union that narrows on `type`. */
export type LedgerEvent = { [T in EventType]: RecordBase & { type: T } & EventPayload<T> }[EventType];
export type LedgerEventOf<T extends EventType> = Extract<LedgerEvent, { type: T }>;
