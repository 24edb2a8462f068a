// Each record type's fields come from its zod schema alone: a record with every field its
// schema allows, written through the real ledger, comes back from the file, from verify and
// from every export form with each of those fields — none dropped on the way to the line.
import { afterAll, describe, expect, it } from 'vitest';
import { exportLedger } from '../../../electron/core/ledger/export-ledger.js';
import { verifyLedger } from '../../../electron/core/ledger/verify-ledger.js';
import { EVENT_PAYLOADS, EVENT_TYPES, TYPE_FIELDS, type EventPayload, type EventType } from '../../../electron/shared/events.js';
import { NOTICE_VERSION, makeTempLedger } from './temp-ledger.js';
import { exportText } from '../../support/export-text.js';

const HASH = `sha256:${'cd'.repeat(32)}`;

/** Every field of every type, optional ones too: the compiler refuses this table if a schema gains a field. */
const FULL: { [T in EventType]: Required<EventPayload<T>> } = {
  'kiosk.started': { version: '1.2.3', configVersion: HASH },
  'session.started': { by: 'staff', staffName: '佐藤', recording: 'audio-video' },
  'notice.shown': { language: 'ne', noticeVersion: NOTICE_VERSION, reviewed: false },
  'language.changed': { language: 'th', noticeVersion: NOTICE_VERSION, reviewed: true },
  'consent.acknowledged': { language: 'my', noticeVersion: NOTICE_VERSION, elapsedMs: 4200 },
  'consent.questioned': { language: 'vi', noticeVersion: NOTICE_VERSION, elapsedMs: 1 },
  'consent.timeout': { language: 'en', noticeVersion: NOTICE_VERSION, elapsedMs: 60_000 },
  'logging.start': { by: 'staff-override', reason: '説明済み', recording: 'audio' },
  'logging.stop': { reason: 'staff', staffReason: '相談終了' },
  'session.ended': { reason: 'staff', staffReason: '相談終了' },
  'ledger.recovered': { segment: '2026-11.jsonl', quarantinedBytes: 17 },
  'ledger.pruned': { segments: [{ segment: '2025-01.jsonl', firstSeq: 1, lastSeq: 9, lastHash: 'ef'.repeat(32) }] },
  'kiosk.recovered': { cause: 'unresponsive', action: 'relaunch' },
  'admin.unlocked': { failedAttempts: 2 },
  'admin.locked-out': { failedAttempts: 5, lockedUntil: '2026-11-15T09:05:00.000Z' },
  'update.refused': { version: '9.9.9', reason: 'bad signature' },
  'logging.paused': { reason: '個人的な話' },
  'logging.resumed': {},
  'kiosk.key': { algorithm: 'ed25519', publicKey: 'A'.repeat(43), fingerprint: HASH },
  'clock.jumped': { offsetMs: -3_600_000, clockTs: '2026-11-15T08:00:00.000Z' },
};

const temp = await makeTempLedger();
afterAll(() => temp.cleanup());


describe('every field of every record type', () => {
  it('is the table above: the schema keys, and only them', () => {
    for (const type of EVENT_TYPES) {
      expect(TYPE_FIELDS[type], type).toEqual(Object.keys(FULL[type]));
      expect(EVENT_PAYLOADS[type].safeParse(FULL[type]).success, type).toBe(true);
    }
  });

  it('reaches the ledger line, verify and each export form', async () => {
    const ledger = await temp.open();
    for (const type of EVENT_TYPES) await ledger.append(type, type.startsWith('session') ? 's-1' : null, FULL[type] as never);
    await ledger.close();

    const lines = (await temp.lines('2026-11.jsonl')).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((record) => record.type)).toEqual([...EVENT_TYPES]);
    for (const record of lines) expect(record, String(record.type)).toMatchObject(FULL[record.type as EventType]);
    expect(await verifyLedger(temp.dir)).toMatchObject({ ok: true, events: EVENT_TYPES.length });

    const jsonl = (await exportText(exportLedger(temp.dir, { format: 'jsonl' }))).trimEnd().split('\n');
    expect(jsonl).toEqual(await temp.lines('2026-11.jsonl'));
    const [header, ...rows] = (await exportText(exportLedger(temp.dir, { format: 'csv' }))).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    const columns = header!.split(',');
    for (const type of EVENT_TYPES) for (const field of TYPE_FIELDS[type]) expect(columns, `${type}.${field}`).toContain(field);
    // A field's value is in its row, under its own column.
    const row = rows[EVENT_TYPES.indexOf('logging.paused')]!;
    expect(row.split(',')[columns.indexOf('reason')]).toBe('個人的な話');
  });
});
