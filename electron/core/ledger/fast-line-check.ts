// A fast path for checkLedgerLine on the common record types: accepts only what the zod
// schemas and the canonical-form check would accept, and answers "not sure" (false, null) for
// anything else, which then takes the full check. A property test holds it to that.
//
// Each type's fields are described once (FIELD_RULES) and read two ways: on the line's text,
// where a line without a backslash is checked in one pass with no property of the parsed
// record read (its records have a dozen shapes, so every read would be a slow one), and on the
// parsed record, for a line with an escape in it, whose written form only JSON.stringify can say.
import { z } from 'zod';
import { BASE_FIELDS, EVENT_TYPES, RECORDING_MODES, TYPE_FIELDS, type EventType } from '../../shared/events.js';

// zod's own uuid regex, for what the hand check below is not sure of.
const UUID = z.core.regexes.uuid();
const KNOWN_TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);

type Fields = Record<string, unknown>;

const QUOTE = 0x22;
const CLOSE = 0x7d;

/** 1 for each ASCII code unit that is not a lowercase hex digit, 0 for 0-9 and a-f. */
const NOT_HEX = Uint8Array.from({ length: 128 }, (_, c) => ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) ? 0 : 1));
/** The same for hex digits of either case. */
const NOT_ANY_HEX = Uint8Array.from({ length: 128 }, (_, c) => (NOT_HEX[c] === 0 || (c >= 0x41 && c <= 0x46) ? 0 : 1));
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/**
 * Whether no code unit in [from, to) is outside `table` (1: refused). Without a branch per
 * digit: random hex digits would make "digit or letter?" a mispredicted branch half the time,
 * which costs more than the rest of a line's check. Past the text's end charCodeAt is NaN,
 * which reads as code unit 0: refused.
 */
function allIn(table: Uint8Array, text: string, from: number, to: number): boolean {
  let refused = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    refused |= (c >>> 7) | table[c & 0x7f]!;
  }
  return refused === 0;
}

/** `length` lowercase hex digits at `at` (as /[0-9a-f]{n}/): a regex per field costs more than the rest of the check. */
function hexAt(text: string, at: number, length: number): boolean {
  return allIn(NOT_HEX, text, at, at + length);
}

// YYYY-MM-DDTHH:MM:SS.mmmZ: a digit (d, -1 below) everywhere but the marks between.
const TS_LENGTH = 24;
const TS_MARKS: readonly number[] = [...'dddd-dd-ddTdd:dd:dd.dddZ'].map((c) => (c === 'd' ? -1 : c.charCodeAt(0)));

function tsAt(text: string, at: number): boolean {
  for (let i = 0; i < TS_LENGTH; i++) {
    const mark = TS_MARKS[i]!;
    const c = text.charCodeAt(at + i);
    if (mark === -1 ? !isDigit(c) : c !== mark) return false;
  }
  return true;
}

/**
 * A UUID of versions 1–8 in zod's sense at `at`, by hand (the regex costs as much as the rest
 * of the record's check): 8-4-4-4-12 hex digits of either case, the version digit 1–8, the
 * variant 8, 9, a or b. The nil and max UUIDs, which zod also takes, are left to the regex.
 */
function uuidAt(text: string, at: number): boolean {
  const dashes = text.charCodeAt(at + 8) === 0x2d && text.charCodeAt(at + 13) === 0x2d && text.charCodeAt(at + 18) === 0x2d && text.charCodeAt(at + 23) === 0x2d;
  if (!dashes) return false;
  const digits =
    allIn(NOT_ANY_HEX, text, at, at + 8) &&
    allIn(NOT_ANY_HEX, text, at + 9, at + 13) &&
    allIn(NOT_ANY_HEX, text, at + 14, at + 18) &&
    allIn(NOT_ANY_HEX, text, at + 19, at + 23) &&
    allIn(NOT_ANY_HEX, text, at + 24, at + 36);
  const version = text.charCodeAt(at + 14);
  const variant = text.charCodeAt(at + 19) | 0x20; // lower case
  return digits && version >= 0x31 && version <= 0x38 && (variant === 0x38 || variant === 0x39 || variant === 0x61 || variant === 0x62);
}

const NOTICE_PREFIX = 'sha256:';

/** What one field of a type may hold, as its zod schema says (only the kinds the common types use). */
type FieldRule =
  | { kind: 'string'; max?: number; nullable?: true; optional?: true }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'boolean' }
  /** z.number().int().nonnegative() */
  | { kind: 'count' }
  /** sha256: and 64 lowercase hex digits */
  | { kind: 'noticeVersion' };

const anyString: FieldRule = { kind: 'string' };
const recording: FieldRule = { kind: 'enum', values: RECORDING_MODES };
const noticeVersion: FieldRule = { kind: 'noticeVersion' };
const shown = { language: anyString, noticeVersion, reviewed: { kind: 'boolean' } } as const;
const answered = { language: anyString, noticeVersion, elapsedMs: { kind: 'count' } } as const;
const ended = { reason: anyString, staffReason: { kind: 'string', max: 64, optional: true } } as const;

/** The types checked here, each mirroring its payload schema in EVENT_PAYLOADS; any other type is left to zod. */
const FIELD_RULES: Partial<Record<EventType, Readonly<Record<string, FieldRule>>>> = {
  'kiosk.started': { version: anyString, configVersion: anyString },
  'session.started': { by: { kind: 'enum', values: ['staff', 'resident'] }, staffName: { kind: 'string', max: 40, nullable: true }, recording },
  'notice.shown': shown,
  'language.changed': shown,
  'consent.acknowledged': answered,
  'consent.questioned': answered,
  'consent.timeout': answered,
  'logging.start': { by: { kind: 'enum', values: ['acknowledgement', 'staff-override'] }, reason: { kind: 'string', max: 200, optional: true }, recording },
  'logging.stop': ended,
  'session.ended': ended,
  'logging.paused': { reason: { kind: 'string', max: 200 } },
  'logging.resumed': {},
};

interface PlannedField {
  key: string;
  rule: FieldRule;
  /** `,"key":` as the line holds it. */
  written: string;
}

/** The type's own fields in written order, for each checked type whose every field has a rule; a type with a field the rules lack is left to zod. */
const PLANS: ReadonlyMap<string, readonly PlannedField[]> = new Map(
  Object.entries(FIELD_RULES).flatMap(([type, rules]) => {
    const keys = TYPE_FIELDS[type as EventType];
    if (keys.some((key) => rules[key] === undefined) || Object.keys(rules).length !== keys.length) return [];
    return [[type, keys.map((key) => ({ key, rule: rules[key]!, written: `,"${key}":` }))]];
  }),
);

const isSafeInt = (value: unknown): value is number => Number.isSafeInteger(value);
const isString = (value: unknown): value is string => typeof value === 'string';

/** The rule read on a parsed value. */
function valueFits(rule: FieldRule, value: unknown): boolean {
  switch (rule.kind) {
    case 'string':
      if (value === undefined) return rule.optional === true;
      if (value === null) return rule.nullable === true;
      return typeof value === 'string' && value.length <= (rule.max ?? Infinity);
    case 'enum':
      return typeof value === 'string' && rule.values.includes(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'count':
      return isSafeInt(value) && value >= 0;
    case 'noticeVersion':
      return typeof value === 'string' && value.length === 71 && value.startsWith(NOTICE_PREFIX) && hexAt(value, 7, 64);
  }
}

/** True only if `ledgerRecordSchema` and the type's payload schema both accept the record. */
export function surelyValidRecord(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const r = value as Fields;
  if (!isSafeInt(r.seq) || r.seq <= 0) return false;
  if (!isString(r.id) || !((r.id.length === 36 && uuidAt(r.id, 0)) || UUID.test(r.id))) return false;
  if (!isString(r.ts) || r.ts.length !== TS_LENGTH || !tsAt(r.ts, 0)) return false;
  if (!isString(r.type) || !KNOWN_TYPES.has(r.type)) return false;
  if (!isString(r.kioskId) || !isString(r.counterId)) return false;
  if (r.sessionId !== null && !isString(r.sessionId)) return false;
  if (!isString(r.prev) || r.prev.length !== 64 || !hexAt(r.prev, 0, 64)) return false;
  const fields = PLANS.get(r.type);
  return fields !== undefined && fields.every(({ key, rule }) => valueFits(rule, r[key]));
}

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
 * Whether `expected` is at `pos` in `text`. By hand: String.prototype.startsWith is a call
 * into the runtime that costs more than comparing the dozen characters of a key.
 */
function matchAt(text: string, pos: number, expected: string): boolean {
  if (pos < 0 || pos + expected.length > text.length) return false;
  for (let i = 0; i < expected.length; i++) if (text.charCodeAt(pos + i) !== expected.charCodeAt(i)) return false;
  return true;
}

/**
 * The end of the string token at `pos` (its closing quote + 1), or -1; in a text with no
 * backslash. A raw control character (which JSON.parse refuses) makes it -1, so that a line
 * this pass accepts is one JSON.parse accepts, whether or not it has been parsed.
 */
function stringEnd(text: string, pos: number): number {
  if (pos < 0 || text.charCodeAt(pos) !== QUOTE) return -1;
  let control = 0;
  for (let i = pos + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return control === 0 ? i + 1 : -1;
    control |= (c - 0x20) >>> 31;
  }
  return -1;
}

/** The end of a value token at `pos` that fits `rule` (the field present), or -1; in a text with no backslash. */
function valueEnd(rule: FieldRule, text: string, pos: number): number {
  switch (rule.kind) {
    case 'string': {
      if (rule.nullable === true && matchAt(text, pos, 'null')) return pos + 4;
      const end = stringEnd(text, pos);
      // With no escape, the text between the quotes is the string, code unit for code unit.
      return end !== -1 && end - pos - 2 <= (rule.max ?? Infinity) ? end : -1;
    }
    case 'enum':
      for (const value of rule.values) {
        if (text.charCodeAt(pos) === QUOTE && text.charCodeAt(pos + value.length + 1) === QUOTE && matchAt(text, pos + 1, value)) {
          return pos + value.length + 2;
        }
      }
      return -1;
    case 'boolean':
      if (matchAt(text, pos, 'true')) return pos + 4;
      return matchAt(text, pos, 'false') ? pos + 5 : -1;
    case 'count':
      return text.charCodeAt(pos) === 0x2d ? -1 : intEnd(text, pos);
    case 'noticeVersion':
      return text.charCodeAt(pos) === QUOTE && matchAt(text, pos + 1, NOTICE_PREFIX) && hexAt(text, pos + 8, 64) && text.charCodeAt(pos + 72) === QUOTE
        ? pos + 73
        : -1;
  }
}

/** `expected` at `pos` (a key as written, say): where what follows it starts, or -1. */
function after(text: string, pos: number, expected: string): number {
  return matchAt(text, pos, expected) ? pos + expected.length : -1;
}

/** A quoted token of `length` characters at `pos` whose inside passes `inside`: its end, or -1. */
function fixedString(text: string, pos: number, length: number, inside: (text: string, at: number) => boolean): number {
  if (pos === -1 || text.charCodeAt(pos) !== QUOTE || text.charCodeAt(pos + length + 1) !== QUOTE) return -1;
  return inside(text, pos + 1) ? pos + length + 2 : -1;
}

const hex64At = (text: string, at: number): boolean => hexAt(text, at, 64);

/** What the ledger's own checks need of a line that scanLine has found sound. */
export interface LineFacts {
  seq: number;
  ts: string;
  type: EventType;
  prev: string;
}

/**
 * The line's facts, only if `text` (a decoded line) has no backslash, is valid JSON and is a
 * record of a checked type that the schemas accept, written exactly as the ledger writes it:
 * the base fields and the type's own in the fixed order, each once, no space, canonical
 * integers, and only the values each field may hold. Else null ("not sure"). One pass over the
 * text: nothing is parsed, so a verify that needs only these facts skips JSON.parse.
 */
export function scanLine(text: string): LineFacts | null {
  if (text.indexOf('\\') !== -1) return null;
  let pos = after(text, 0, '{"seq":');
  // seq is positive: its first digit is 1–9, and intEnd keeps it to 15 digits, a safe integer.
  const first = text.charCodeAt(pos);
  if (pos === -1 || first < 0x31 || first > 0x39) return null;
  const seqStart = pos;
  pos = intEnd(text, pos);
  if (pos === -1) return null;
  let seq = 0;
  for (let i = seqStart; i < pos; i++) seq = seq * 10 + (text.charCodeAt(i) - 0x30);
  pos = fixedString(text, after(text, pos, ',"id":'), 36, uuidAt);
  pos = after(text, pos, ',"ts":');
  const tsStart = pos + 1;
  pos = fixedString(text, pos, TS_LENGTH, tsAt);
  pos = after(text, pos, ',"type":');
  const typeEnd = stringEnd(text, pos);
  if (typeEnd === -1) return null;
  const type = text.slice(pos + 1, typeEnd - 1);
  const fields = PLANS.get(type);
  if (fields === undefined) return null;
  pos = stringEnd(text, after(text, typeEnd, ',"kioskId":'));
  pos = stringEnd(text, after(text, pos, ',"counterId":'));
  pos = after(text, pos, ',"sessionId":');
  pos = matchAt(text, pos, 'null') ? pos + 4 : stringEnd(text, pos);
  pos = after(text, pos, ',"prev":');
  const prevStart = pos + 1;
  pos = fixedString(text, pos, 64, hex64At);
  if (pos === -1) return null;
  for (let i = 0; i < fields.length; i++) {
    const { rule, written } = fields[i]!;
    if (!matchAt(text, pos, written)) {
      // Only an optional field may be absent.
      if (rule.kind === 'string' && rule.optional === true) continue;
      return null;
    }
    pos = valueEnd(rule, text, pos + written.length);
    if (pos === -1) return null;
  }
  if (pos !== text.length - 1 || text.charCodeAt(pos) !== CLOSE) return null;
  return { seq, ts: text.slice(tsStart, tsStart + TS_LENGTH), type: type as EventType, prev: text.slice(prevStart, prevStart + 64) };
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

/**
 * For a line with a backslash (staff's own words with a quote in them), which scanLine
 * leaves alone: true only if `text` (which JSON.parse turned into `record`, already
 * `surelyValidRecord`) has exactly the type's keys in the fixed order, each once, and is what
 * JSON.stringify writes for it.
 */
export function surelyCanonicalLine(text: string, record: Fields): boolean {
  return inFixedOrder(Object.keys(record), quotedKeys(record.type as EventType, record)) && JSON.stringify(record) === text;
}
