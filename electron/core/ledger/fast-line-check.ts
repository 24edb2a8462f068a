// A fast path for checkLedgerLine on the common record types: accepts only what the zod
// schemas and the canonical-form check would accept, and answers "not sure" (false) for
// anything else, which then takes the full check. A property test holds it to that.
import { z } from 'zod';
import { BASE_FIELDS, EVENT_TYPES, RECORDING_MODES, TYPE_FIELDS, type EventType } from '../../shared/events.js';

// zod's own uuid regex, for what the hand check below is not sure of.
const UUID = z.core.regexes.uuid();
const KNOWN_TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);

type Fields = Record<string, unknown>;

const isHexDigit = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66);
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** Lowercase hex of `length` digits from `start` to the end of `text` (as /[0-9a-f]{n}$/). */
function hexTail(text: string, start: number): boolean {
  for (let i = start; i < text.length; i++) if (!isHexDigit(text.charCodeAt(i))) return false;
  return true;
}

/** As HEX64.test, by hand: a regex per field costs more than the rest of the check. */
function isHex64(value: unknown): boolean {
  return typeof value === 'string' && value.length === 64 && hexTail(value, 0);
}

function isNoticeVersion(value: unknown): boolean {
  return typeof value === 'string' && value.length === 71 && value.startsWith('sha256:') && hexTail(value, 7);
}

// YYYY-MM-DDTHH:MM:SS.mmmZ: a digit everywhere but these places.
const TS_MARKS: Record<number, number> = { 4: 0x2d, 7: 0x2d, 10: 0x54, 13: 0x3a, 16: 0x3a, 19: 0x2e, 23: 0x5a };

function isTs(value: unknown): boolean {
  if (typeof value !== 'string' || value.length !== 24) return false;
  for (let i = 0; i < 24; i++) {
    const mark = TS_MARKS[i];
    const c = value.charCodeAt(i);
    if (mark === undefined ? !isDigit(c) : c !== mark) return false;
  }
  return true;
}

const isAnyHex = (c: number): boolean => isHexDigit(c) || (c >= 0x41 && c <= 0x46);

/**
 * A UUID of versions 1–8 in zod's sense, by hand (the regex costs as much as the rest of the
 * record's check): 8-4-4-4-12 hex digits of either case, the version digit 1–8, the variant
 * 8, 9, a or b. The nil and max UUIDs, which zod also takes, are left to the regex.
 */
function isUuid(value: string): boolean {
  if (value.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = value.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 0x2d) return false;
    } else if (!isAnyHex(c)) return false;
  }
  const version = value.charCodeAt(14);
  const variant = value.charCodeAt(19) | 0x20; // lower case
  return version >= 0x31 && version <= 0x38 && (variant === 0x38 || variant === 0x39 || variant === 0x61 || variant === 0x62);
}

const isSafeInt = (value: unknown): value is number => Number.isSafeInteger(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const stringUpTo = (value: unknown, max: number): boolean => typeof value === 'string' && value.length <= max;
const isRecording = (value: unknown): boolean => value === RECORDING_MODES[0] || value === RECORDING_MODES[1];

function shown(r: Fields): boolean {
  return isString(r.language) && isNoticeVersion(r.noticeVersion) && typeof r.reviewed === 'boolean';
}
function answered(r: Fields): boolean {
  return isString(r.language) && isNoticeVersion(r.noticeVersion) && isSafeInt(r.elapsedMs) && r.elapsedMs >= 0;
}
function ended(r: Fields): boolean {
  return isString(r.reason) && (r.staffReason === undefined || stringUpTo(r.staffReason, 64));
}

/** The types checked here; any other type is left to the zod schema. Each mirrors EVENT_PAYLOADS. */
const PAYLOAD_CHECKS: Partial<Record<EventType, (r: Fields) => boolean>> = {
  'kiosk.started': (r) => isString(r.version) && isString(r.configVersion),
  'session.started': (r) =>
    (r.by === 'staff' || r.by === 'resident') && (r.staffName === null || stringUpTo(r.staffName, 40)) && isRecording(r.recording),
  'notice.shown': shown,
  'language.changed': shown,
  'consent.acknowledged': answered,
  'consent.questioned': answered,
  'consent.timeout': answered,
  'logging.start': (r) =>
    (r.by === 'acknowledgement' || r.by === 'staff-override') && (r.reason === undefined || stringUpTo(r.reason, 200)) && isRecording(r.recording),
  'logging.stop': ended,
  'session.ended': ended,
  'logging.paused': (r) => stringUpTo(r.reason, 200),
  'logging.resumed': () => true,
};

/** True only if `ledgerRecordSchema` and the type's payload schema both accept the record. */
export function surelyValidRecord(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const r = value as Fields;
  if (!isSafeInt(r.seq) || r.seq <= 0) return false;
  if (!isString(r.id) || !(isUuid(r.id) || UUID.test(r.id))) return false;
  if (!isTs(r.ts)) return false;
  if (!isString(r.type) || !KNOWN_TYPES.has(r.type)) return false;
  if (!isString(r.kioskId) || !isString(r.counterId)) return false;
  if (r.sessionId !== null && !isString(r.sessionId)) return false;
  if (!isHex64(r.prev)) return false;
  const check = PAYLOAD_CHECKS[r.type as EventType];
  return check !== undefined && check(r);
}

/** `"key":` for each written key of a type, by which of its own fields are present (a bit each). */
const QUOTED_KEYS = new Map<string, string[][]>();

function quotedKeys(type: EventType, record: Fields): string[] {
  const fields = TYPE_FIELDS[type];
  let mask = 0;
  for (let i = 0; i < fields.length; i++) if (record[fields[i]!] !== undefined) mask |= 1 << i;
  let byMask = QUOTED_KEYS.get(type);
  if (byMask === undefined) QUOTED_KEYS.set(type, (byMask = []));
  return (byMask[mask] ??= [...BASE_FIELDS, ...fields.filter((_, i) => (mask & (1 << i)) !== 0)].map((key) => `"${key}":`));
}

function inFixedOrder(actual: string[], quoted: string[]): boolean {
  if (actual.length !== quoted.length) return false;
  for (let i = 0; i < actual.length; i++) if (quoted[i] !== `"${actual[i]}":`) return false;
  return true;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CLOSE = 0x7d;

/** The end of a canonical safe-integer token at `pos` (as String(n) writes it), or -1. */
function intEnd(text: string, pos: number): number {
  let at = pos;
  if (text.charCodeAt(at) === 0x2d) at += 1;
  const first = text.charCodeAt(at);
  if (first === 0x30) {
    // "0" but never "-0" (which parses to -0 and is written back as 0).
    return at === pos ? at + 1 : -1;
  }
  if (first < 0x31 || first > 0x39) return -1;
  let end = at + 1;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (c < 0x30 || c > 0x39) break;
    end += 1;
  }
  // Up to 15 digits is always a safe integer, written back digit for digit.
  return end - at <= 15 ? end : -1;
}

/**
 * True only if `text` (which JSON.parse turned into `record`, already `surelyValidRecord`) has
 * exactly the type's keys in the fixed order, each once, and is what JSON.stringify writes for
 * it: no space, no escape, only strings, canonical integers, true, false and null as values.
 */
export function surelyCanonicalLine(text: string, record: Fields): boolean {
  const keys = quotedKeys(record.type as EventType, record);
  // A backslash means an escape (staff's own words with a quote in them), whose written form
  // only JSON.stringify can say: the keys in the fixed order, and the line as it writes it.
  if (text.indexOf('\\') !== -1) return inFixedOrder(Object.keys(record), keys) && JSON.stringify(record) === text;
  if (text.charCodeAt(0) !== 0x7b) return false;
  let pos = 1;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (!text.startsWith(key, pos)) return false;
    pos += key.length;
    const c = text.charCodeAt(pos);
    if (c === QUOTE) {
      // No backslash anywhere, so the next quote closes the string (JSON.parse has refused raw control characters).
      const close = text.indexOf('"', pos + 1);
      if (close === -1) return false;
      pos = close + 1;
    } else if (c === 0x74) {
      if (!text.startsWith('true', pos)) return false;
      pos += 4;
    } else if (c === 0x66) {
      if (!text.startsWith('false', pos)) return false;
      pos += 5;
    } else if (c === 0x6e) {
      if (!text.startsWith('null', pos)) return false;
      pos += 4;
    } else {
      pos = intEnd(text, pos);
      if (pos === -1) return false;
    }
    if (text.charCodeAt(pos) !== (i === keys.length - 1 ? CLOSE : COMMA)) return false;
    pos += 1;
  }
  return pos === text.length;
}
