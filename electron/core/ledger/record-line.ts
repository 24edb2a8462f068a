// One ledger record as one line: the fixed key order, the hash that chains lines, and
// the check that a line read back is a record this ledger could have written.
import * as crypto from 'node:crypto';
import { z } from 'zod';
import {
  BASE_FIELDS,
  EVENT_PAYLOADS,
  TYPE_FIELDS,
  ledgerRecordSchema,
  type EventType,
  type LedgerRecord,
} from '../../shared/events.js';
import { scanLine, surelyCanonicalLine, surelyValidRecord, type LineFacts } from './fast-line-check.js';

const { createHash } = crypto;
// One-shot crypto.hash (Node 20.12+) is several times faster than a Hash object for a line.
const hashOnce = (crypto as { hash?: (algorithm: string, data: string | Uint8Array, encoding: 'hex') => string }).hash;

/** `prev` of seq 1. */
export const GENESIS_PREV = '0'.repeat(64);

// ignoreBOM keeps a leading U+FEFF in the text, so a line that starts with one is refused as not JSON.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The keys a record of this type carries, in written order; optional fields only when present. */
export function recordKeys(type: EventType, record: Readonly<Record<string, unknown>>): string[] {
  return [...BASE_FIELDS, ...TYPE_FIELDS[type].filter((key) => record[key] !== undefined)];
}

/** A copy with keys in the fixed order and absent optional fields left out. */
export function orderRecord(record: LedgerRecord): LedgerRecord {
  const ordered: Record<string, unknown> = {};
  for (const key of recordKeys(record.type, record)) ordered[key] = record[key];
  return ordered as LedgerRecord;
}

/** The line for a record (without `\n`), keys in the fixed order whatever order they came in. */
export function serialiseRecord(record: LedgerRecord): string {
  return JSON.stringify(orderRecord(record));
}

/** Hex SHA-256 of a line's bytes, without its `\n` — the next record's `prev`. */
export function lineHash(line: string | Uint8Array): string {
  return hashOnce ? hashOnce('sha256', line, 'hex') : createHash('sha256').update(line).digest('hex');
}

/** `text` is the line decoded (what a JSONL export writes back). */
export type LineCheck = { ok: true; record: LedgerRecord; text: string } | { ok: false; problem: string };

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`).join('; ');
}

/** Parses one line and checks schema, the type's fields and key order; says what is wrong if not. */
export function checkLedgerLine(bytes: Uint8Array): LineCheck {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, problem: 'not valid UTF-8' };
  }
  return checkLedgerText(text);
}

/**
 * What a verify needs of a line (seq, ts, type, prev), if the one pass over its text is sure it
 * is a record checkLedgerLine accepts; null if it is not sure (the line then takes that check).
 */
export function soundLineFacts(bytes: Uint8Array): LineFacts | null {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return null;
  }
  return scanLine(text);
}

/** checkLedgerLine for a line already decoded (the hub's store holds text). */
export function checkLedgerText(text: string): LineCheck {
  if (text.length === 0) return { ok: false, problem: 'empty line' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not valid JSON' };
  }
  // The common case, without zod or a second serialisation; anything it is not sure of takes the full check below.
  const sure = text.indexOf('\\') === -1 ? scanLine(text) !== null : surelyValidRecord(value) && surelyCanonicalLine(text, value as Record<string, unknown>);
  if (sure) return { ok: true, record: value as LedgerRecord, text };
  const base = ledgerRecordSchema.safeParse(value);
  if (!base.success) return { ok: false, problem: `not a ledger record (${describeIssues(base.error)})` };
  // Keep the parsed object itself: its key order is the order on disk.
  const record = value as LedgerRecord;
  const fields = Object.fromEntries(TYPE_FIELDS[record.type].map((key) => [key, record[key]]));
  const payload = (EVENT_PAYLOADS[record.type] as z.ZodType).safeParse(fields);
  if (!payload.success) {
    return { ok: false, problem: `bad ${record.type} fields (${describeIssues(payload.error)})` };
  }
  const expected = recordKeys(record.type, record);
  const actual = Object.keys(record);
  if (expected.join(',') !== actual.join(',')) {
    return { ok: false, problem: `keys are not in the fixed order: expected ${expected.join(',')}, found ${actual.join(',')}` };
  }
  if (serialiseRecord(record) !== text) {
    return { ok: false, problem: 'not in the form the ledger writes (spacing, escapes or a repeated key)' };
  }
  return { ok: true, record, text };
}
