// The exports other tools read: filters, JSON-LD per session (an acknowledgement, never
// consent) and the summary table, from the ledger on disk or from any stream of records.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportLedger, exportRecords, type ExportEntry, type ExportOptions } from '../../../electron/core/ledger/export-ledger.js';
import type { LedgerRecord } from '../../../electron/shared/events.js';
import { makeTempLedger, NOTICE_VERSION, recordSession, type TempLedger } from './temp-ledger.js';
import { exportText } from '../../support/export-text.js';

const OTHER_VERSION = `sha256:${'cd'.repeat(32)}`;
let temp: TempLedger;

beforeEach(async () => {
  temp = await makeTempLedger('2026-11-15T09:00:00.000Z');
  const ledger = await temp.open();
  await recordSession(ledger, 's-1');
  temp.clock.now = new Date('2026-11-16T01:00:00.000Z');
  await ledger.append('session.started', 's-2', { by: 'resident', staffName: null, recording: 'audio' });
  await ledger.append('notice.shown', 's-2', { language: 'vi', noticeVersion: OTHER_VERSION, reviewed: false });
  await ledger.append('consent.questioned', 's-2', { language: 'vi', noticeVersion: OTHER_VERSION, elapsedMs: 9000 });
  await ledger.append('logging.start', 's-2', { by: 'staff-override', reason: 'explained in Vietnamese', recording: 'audio' });
  await ledger.append('logging.stop', 's-2', { reason: 'staff' });
  await ledger.append('session.ended', 's-2', { reason: 'staff' });
  await ledger.close();
});
afterEach(async () => {
  await temp.cleanup();
});

const ledgerExport = (options: ExportOptions) => exportText(exportLedger(temp.dir, options));
const jsonl = async (options: Omit<ExportOptions, 'format'>) =>
  (await ledgerExport({ ...options, format: 'jsonl' })).split('\n').filter(Boolean).map((line) => JSON.parse(line) as LedgerRecord);

describe('export filters', () => {
  it('keeps only the asked types, counter and session', async () => {
    expect((await jsonl({ types: ['notice.shown', 'consent.questioned'] })).map((r) => [r.sessionId, r.type])).toEqual([
      ['s-1', 'notice.shown'],
      ['s-2', 'notice.shown'],
      ['s-2', 'consent.questioned'],
    ]);
    expect((await jsonl({ session: 's-2' })).map((r) => r.type)).toHaveLength(6);
    expect(await jsonl({ counter: 'counter-1' })).toHaveLength(13);
    expect(await jsonl({ counter: 'counter-9' })).toEqual([]);
  });
});

describe('JSON-LD export', () => {
  it('writes one DPV node per session: notice, version, language, the answer and its time, the controller', async () => {
    const text = await ledgerExport({ format: 'jsonld', controller: { ja: '港区役所 区民課', en: 'Minato City Office' } });
    const document = JSON.parse(text) as { '@context': Record<string, string>; '@graph': Array<Record<string, Record<string, Record<string, unknown>>>> };
    expect(document['@context'].dpv).toBe('https://w3id.org/dpv#');
    expect(document['@graph'].map((node) => node['dct:identifier'])).toEqual(['s-1', 's-2']);
    const [first, second] = document['@graph'];
    expect(first).toMatchObject({
      '@type': 'kokuchi:NoticeAcknowledgementRecord',
      'dpv:hasNotice': { '@type': 'dpv:Notice', 'dct:hasVersion': NOTICE_VERSION, 'dct:language': 'ja' },
      'kokuchi:acknowledgement': { 'kokuchi:answer': 'acknowledged', 'kokuchi:elapsedMs': 4200 },
      'dpv:hasDataController': { 'rdfs:label': expect.arrayContaining([{ '@value': '港区役所 区民課', '@language': 'ja' }]) },
      'dpv:hasLegalBasis': { '@type': 'dpv:LegalBasis' },
      'kokuchi:recording': [{ 'kokuchi:startedBy': 'acknowledgement', 'kokuchi:stoppedAt': expect.any(String) }],
    });
    expect(first?.['kokuchi:acknowledgement']?.['dct:date']).toEqual({ '@value': '2026-11-15T09:00:00.000Z', '@type': 'xsd:dateTime' });
    expect(second).toMatchObject({
      'dpv:hasNotice': { 'dct:hasVersion': OTHER_VERSION, 'dct:language': 'vi' },
      'kokuchi:acknowledgement': { 'kokuchi:answer': 'questioned' },
      'kokuchi:recording': [{ 'kokuchi:startedBy': 'staff-override', 'kokuchi:overrideReason': 'explained in Vietnamese' }],
    });
    // An acknowledgement of a notice: nothing in it claims consent.
    expect(text).not.toMatch(/dpv:Consent|ConsentRecord|hasConsentStatus/);
  });

  it('reads from any stream of records, as the hub does, and shows pauses and still-open sessions', async () => {
    const base = { kioskId: 'k', counterId: 'c', prev: '0'.repeat(64), id: 'x' };
    // Typed loosely: a newer kiosk's types (logging.paused) reach the hub's export too.
    const records: Array<Record<string, unknown>> = [
      { type: 'session.started', sessionId: 'p', by: 'staff', staffName: null, recording: 'audio' },
      { type: 'notice.shown', sessionId: 'p', language: 'ne', noticeVersion: NOTICE_VERSION, reviewed: true },
      { type: 'consent.acknowledged', sessionId: 'p', language: 'ne', noticeVersion: NOTICE_VERSION, elapsedMs: 3000 },
      { type: 'logging.start', sessionId: 'p', by: 'acknowledgement', recording: 'audio' },
      { type: 'logging.paused', sessionId: 'p', reason: 'resident asked' },
      { type: 'logging.resumed', sessionId: 'p' },
    ];
    async function* entries(): AsyncGenerator<ExportEntry> {
      let seq = 0;
      for (const fields of records) {
        seq += 1;
        const record = { ...base, seq, ts: `2026-11-20T00:00:0${seq}.000Z`, ...fields } as unknown as LedgerRecord;
        yield { record, line: JSON.stringify(record) };
      }
    }
    const document = JSON.parse(await exportText(exportRecords(entries(), { format: 'jsonld' }))) as { '@graph': Array<Record<string, unknown>> };
    expect(document['@graph']).toEqual([
      expect.objectContaining({
        'kokuchi:pauses': [{ 'kokuchi:pausedAt': '2026-11-20T00:00:05.000Z', 'kokuchi:reason': 'resident asked', 'kokuchi:resumedAt': '2026-11-20T00:00:06.000Z' }],
        'kokuchi:complete': false,
      }),
    ]);
    const summary = await exportText(exportRecords(entries(), { format: 'jsonl', summary: true }));
    expect(summary.split('\r\n')[1]).toBe('2026-11-20,ne,1,1,0,0,3.0,0,1');
  });
});

describe('summary export', () => {
  it('has per day and language the sessions, answers, median answer time, overrides and pauses', async () => {
    const rows = (await ledgerExport({ format: 'jsonl', summary: true })).replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    expect(rows).toEqual([
      'day,language,sessions,acknowledged,questioned,timeout,medianAnswerSeconds,overrides,pauses',
      '2026-11-15,ja,1,1,0,0,4.2,0,0',
      '2026-11-15,all,1,1,0,0,4.2,0,0',
      '2026-11-16,vi,1,0,1,0,9.0,1,0',
      '2026-11-16,all,1,0,1,0,9.0,1,0',
    ]);
  });
});
