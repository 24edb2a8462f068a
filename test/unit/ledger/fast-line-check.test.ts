// The fast path of checkLedgerLine must accept and refuse exactly what the zod schemas and
// the canonical-form check do, with the same words: here it is held against the full check
// (zod only, as the ledger checked every line before the fast path) over generated lines.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BASE_FIELDS, EVENT_PAYLOADS, EVENT_TYPES, TYPE_FIELDS, ledgerRecordSchema, type LedgerRecord } from '../../../electron/shared/events.js';
import { checkLedgerLine, recordKeys, serialiseRecord } from '../../../electron/core/ledger/record-line.js';
import { scanLine, surelyCanonicalLine, surelyValidRecord } from '../../../electron/core/ledger/fast-line-check.js';
import { csvCell } from '../../../electron/core/ledger/export-ledger.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`).join('; ');
}

/** The full check, zod and a second serialisation for every line. */
function referenceCheck(bytes: Uint8Array): { ok: true; record: LedgerRecord; text: string } | { ok: false; problem: string } {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, problem: 'not valid UTF-8' };
  }
  if (text.length === 0) return { ok: false, problem: 'empty line' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not valid JSON' };
  }
  const base = ledgerRecordSchema.safeParse(value);
  if (!base.success) return { ok: false, problem: `not a ledger record (${describeIssues(base.error)})` };
  const record = value as LedgerRecord;
  const fields = Object.fromEntries(TYPE_FIELDS[record.type].map((key) => [key, record[key]]));
  const payload = (EVENT_PAYLOADS[record.type] as z.ZodType).safeParse(fields);
  if (!payload.success) return { ok: false, problem: `bad ${record.type} fields (${describeIssues(payload.error)})` };
  const expected = recordKeys(record.type, record);
  const actual = Object.keys(record);
  if (expected.join(',') !== actual.join(',')) {
    return { ok: false, problem: `keys are not in the fixed order: expected ${expected.join(',')}, found ${actual.join(',')}` };
  }
  if (serialiseRecord(record) !== text) return { ok: false, problem: 'not in the form the ledger writes (spacing, escapes or a repeated key)' };
  return { ok: true, record, text };
}

const hex = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });
const HEX64 = hex(64);
const ODD_STRINGS = ['', ' ', '-', '=1', 'a\u0000b', 'é', '\u2028', '"', '\\', '窓口', 'x'.repeat(40), 'x'.repeat(41), 'y'.repeat(64), 'y'.repeat(65), 'z'.repeat(200), 'z'.repeat(201)];
/** Any JSON value a field might wrongly hold, and near-misses of the right ones. */
const anyValue = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -0, 1, -1, 1.5, 2 ** 53, 2 ** 53 - 1, -(2 ** 53), 1e21, [], {}, ['a'], { a: 1 }),
  fc.constantFrom(...ODD_STRINGS),
  fc.constantFrom(...EVENT_TYPES, 'Notice.shown', 'kiosk.unknown'),
  fc.constantFrom('staff', 'resident', 'audio', 'audio-video', 'acknowledgement', 'staff-override', 'ja'),
  fc.constantFrom('2026-11-03T10:00:00.000Z', '2026-11-03T10:00:00Z', '2026-11-03 10:00:00.000Z', '２026-11-03T10:00:00.000Z'),
  fc.constantFrom('01936f7e-8b1c-7a2b-9c3d-4e5f6a7b8c9d', '01936F7E-8B1C-7A2B-9C3D-4E5F6A7B8C9D', '01936f7e-8b1c-9a2b-9c3d-4e5f6a7b8c9d', '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', 'ffffffff-ffff-ffff-ffff-ffffffffffff'),
  HEX64,
  HEX64.map((h) => `sha256:${h}`),
  hex(63).map((h) => `sha256:${h}`),
  HEX64.map((h) => h.toUpperCase()),
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -5, max: 5 }),
);

/** A record that mostly fits its type, with some fields swapped for wrong or edge values, some dropped, some added. */
const recordArb = fc
  .record({
    type: fc.constantFrom(...EVENT_TYPES),
    seq: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 2 ** 40 }) }, { weight: 1, arbitrary: anyValue }),
    prev: fc.oneof({ weight: 6, arbitrary: HEX64 }, { weight: 1, arbitrary: anyValue }),
    swaps: fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 2, arbitrary: fc.array(fc.tuple(fc.nat(), anyValue), { maxLength: 2 }) }),
    drop: fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat() }),
    extra: fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.tuple(fc.constantFrom('extra', 'reason', 'seq', '1'), anyValue) }),
    good: fc.array(anyValue, { minLength: 4, maxLength: 4 }),
  })
  .map(({ type, seq, prev, swaps, drop, extra, good }) => {
    const record: Record<string, unknown> = {
      seq,
      id: '01936f7e-8b1c-7a2b-9c3d-4e5f6a7b8c9d',
      ts: '2026-11-03T10:00:00.000Z',
      type,
      kioskId: 'kiosk-1',
      counterId: 'counter-1',
      sessionId: 's-1',
      prev,
    };
    // Values a valid record of the type would hold, so that many records pass.
    const sample: Record<string, unknown> = {
      version: '1.0.0', configVersion: 'c', by: type === 'logging.start' ? 'acknowledgement' : 'staff', staffName: null,
      recording: 'audio', language: 'ja', noticeVersion: `sha256:${'a'.repeat(64)}`, reviewed: true, elapsedMs: 1200,
      reason: 'staff', staffReason: typeof good[0] === 'string' ? good[0] : undefined, segment: '2026-10.jsonl', quarantinedBytes: 3, cause: 'crashed', action: 'reload',
      failedAttempts: 1, lockedUntil: '2026-11-03T10:05:00.000Z', algorithm: 'ed25519', publicKey: 'A'.repeat(43),
      fingerprint: `sha256:${'b'.repeat(64)}`, offsetMs: -5, clockTs: 'x', segments: [],
    };
    for (const key of TYPE_FIELDS[type]) record[key] = key === 'reason' && type === 'logging.start' && typeof good[1] !== 'string' ? undefined : sample[key];
    const keys = [...BASE_FIELDS, ...TYPE_FIELDS[type]];
    for (const [at, value] of swaps) record[keys[at % keys.length]!] = value;
    if (drop !== null) delete record[keys[drop % keys.length]!];
    if (extra !== null) record[extra[0]] = extra[1];
    return record;
  });

/** Ways the same record can be written other than the ledger writes it. */
const TEXT_EDITS: Array<(text: string) => string> = [
  (text) => text,
  (text) => text.replace(':', ': '),
  (text) => text.replace(',', ' ,'),
  (text) => ` ${text}`,
  (text) => `${text} `,
  (text) => `\uFEFF${text}`,
  (text) => text.replace('"seq":', '"s\\u0065q":'),
  (text) => text.replace('"kiosk-1"', '"kiosk\\u002d1"'),
  (text) => text.replace(/"seq":(\d+)/, '"seq":$1.0'),
  (text) => text.replace(/"seq":(\d+)/, '"seq":$1e0'),
  (text) => text.replace(/"elapsedMs":(\d+)/, '"elapsedMs":-0'),
  (text) => text.replace(/}$/, ',"seq":1}'),
  (text) => text.replace('{"seq"', '{"id":"x","seq"'),
  (text) => text.replace('\\"', '\\u0022'),
  (text) => text.replace('true', 'tru\\u0065'),
  // Not JSON at all, which the one pass over the text must see without JSON.parse.
  (text) => text.replace('kiosk-1', 'kiosk\u0001-1'),
  (text) => text.replace('counter-1', 'counter\t1'),
  (text) => text.replace('"ja"', '"j\u001fa"'),
  (text) => text.replace('"counter-1"', '"counter-1'),
  (text) => text.replace('"prev":"', '"prev":'),
  (text) => text.slice(0, -1),
  (text) => `${text}}`,
];

describe('the fast path of checkLedgerLine', () => {
  it('gives exactly the full check\'s answer (ok and record, or the same problem) for generated lines', () => {
    let accepted = 0;
    let fastTextAccepted = 0;
    fc.assert(
      fc.property(recordArb, fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: fc.nat({ max: TEXT_EDITS.length - 1 }) }), (record, edit) => {
        const text = TEXT_EDITS[edit]!(JSON.stringify(record));
        const bytes = Buffer.from(text, 'utf8');
        const expected = referenceCheck(bytes);
        expect(checkLedgerLine(bytes)).toEqual(expected);
        if (expected.ok) accepted += 1;
        // The pass over the text accepts only what the full check does, and reads the record's own facts.
        const facts = scanLine(text);
        if (facts !== null) {
          fastTextAccepted += 1;
          expect(expected.ok).toBe(true);
          const r = (expected as { record: LedgerRecord }).record;
          expect(facts).toEqual({ seq: r.seq, ts: r.ts, type: r.type, prev: r.prev });
        }
        let value: unknown = undefined;
        try {
          value = JSON.parse(text);
        } catch {
          return;
        }
        // What the fast path accepts, the full check accepts: it never lets through what zod would refuse.
        if (surelyValidRecord(value)) {
          expect(ledgerRecordSchema.safeParse(value).success).toBe(true);
          const r = value as LedgerRecord;
          const fields = Object.fromEntries(TYPE_FIELDS[r.type].map((key) => [key, r[key]]));
          expect((EVENT_PAYLOADS[r.type] as z.ZodType).safeParse(fields).success).toBe(true);
          if (surelyCanonicalLine(text, value as Record<string, unknown>)) expect(expected.ok).toBe(true);
        }
      }),
      { numRuns: 20_000, seed: 12 },
    );
    // The generator reaches both sides, and the fast path carries most good lines.
    expect(accepted).toBeGreaterThan(1000);
    expect(fastTextAccepted).toBeGreaterThan(accepted / 2);
  });

  it('gives the full check\'s answer with each field of each type set to each of many wrong and edge values', () => {
    const pool: unknown[] = [
      undefined, null, true, false, 0, -0, 1, -1, 1.5, 2 ** 53, 2 ** 53 - 1, -(2 ** 53), 1e21, [], {}, ['a'], { a: 1 },
      ...ODD_STRINGS, ...EVENT_TYPES, 'staff', 'resident', 'audio', 'audio-video', 'acknowledgement', 'staff-override', 'ja',
      'kiosk-restart', 'crashed', 'reload', 'ed25519', 'A'.repeat(43), 'A'.repeat(44), '2026-11-03T10:00:00.000Z', '2026-11-03T10:00:00Z',
      '01936F7E-8B1C-7A2B-9C3D-4E5F6A7B8C9D', '01936f7e-8b1c-9a2b-9c3d-4e5f6a7b8c9d', '00000000-0000-0000-0000-000000000000',
      'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', 'a'.repeat(64), 'A'.repeat(64), 'a'.repeat(63), `sha256:${'a'.repeat(64)}`, `sha256:${'a'.repeat(63)}`, `SHA256:${'a'.repeat(64)}`,
    ];
    let cases = 0;
    for (const type of EVENT_TYPES) {
      const base = fc.sample(recordArb.filter((r) => r.type === type && referenceCheck(Buffer.from(JSON.stringify(r))).ok), { numRuns: 1, seed: 3 })[0]!;
      for (const key of [...BASE_FIELDS, ...TYPE_FIELDS[type]]) {
        for (const value of pool) {
          const record = { ...base, [key]: value };
          const bytes = Buffer.from(JSON.stringify(record), 'utf8');
          expect(checkLedgerLine(bytes), `${type} ${key}=${JSON.stringify(value)}`).toEqual(referenceCheck(bytes));
          cases += 1;
        }
      }
    }
    expect(cases).toBeGreaterThan(10_000);
  });

  it('accepts every line the ledger writes for its common types without falling back', () => {
    const line = '{"seq":7,"id":"01936f7e-8b1c-7a2b-9c3d-4e5f6a7b8c9d","ts":"2026-11-03T10:00:00.000Z","type":"session.ended","kioskId":"k","counterId":"c","sessionId":"s","prev":"' + 'a'.repeat(64) + '","reason":"staff"}';
    const record = JSON.parse(line) as Record<string, unknown>;
    expect(scanLine(line)).toEqual({ seq: 7, ts: '2026-11-03T10:00:00.000Z', type: 'session.ended', prev: 'a'.repeat(64) });
    expect(surelyValidRecord(record)).toBe(true);
    expect(surelyCanonicalLine(line, record)).toBe(true);
  });

  it('refuses a line that starts with a byte-order mark, which the ledger never writes', () => {
    const line = '{"seq":1,"id":"01936f7e-8b1c-7a2b-9c3d-4e5f6a7b8c9d","ts":"2026-11-03T10:00:00.000Z","type":"logging.resumed","kioskId":"k","counterId":"c","sessionId":null,"prev":"' + '0'.repeat(64) + '"}';
    expect(checkLedgerLine(Buffer.from(line))).toMatchObject({ ok: true });
    expect(checkLedgerLine(Buffer.from(`\uFEFF${line}`))).toEqual({ ok: false, problem: 'not valid JSON' });
  });
});

describe('csvCell fast path', () => {
  // The reference: every cell through the NFKC formula check, as before the fast path.
  const HIDDEN_LEAD = /^[\p{White_Space}\p{Cc}\p{Cf}]+/u;
  const reference = (value: unknown): string => {
    if (value === undefined || value === null) return '';
    let text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
    const formula = /^[\p{Cc}\p{Cf}]/u.test(text) || /^[=+\-@\u2212]/.test(text.normalize('NFKC').replace(HIDDEN_LEAD, ''));
    if (formula) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  it('writes every cell exactly as the full formula check does', () => {
    const lead = fc.constantFrom('', '=', '+', '-', '@', '\u2212', '＝', ' ', '\t', '\u200b', '\u0338', 'a', '1', '<', '"');
    fc.assert(
      fc.property(lead, fc.string({ unit: 'grapheme' }), fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)), (head, rest, other) => {
        expect(csvCell(head + rest)).toBe(reference(head + rest));
        expect(csvCell(other)).toBe(reference(other));
      }),
      { numRuns: 5000, seed: 12 },
    );
  });
});
