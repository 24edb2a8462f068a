// `ledger export --format jsonld`: one record per session that showed a notice, shaped
// after ISO/IEC TS 27560 in the W3C Data Privacy Vocabulary (DPV). It records an
// acknowledgement of a notice, never consent: the legal basis is the office's public task.
import type { LedgerRecord } from '../../shared/events.js';

/** The office's name per language, as the configuration's `office.name`. */
export type Controller = Record<string, string>;

/** Sessions held open at once; beyond this the oldest is written as it stands (marked incomplete). */
const OPEN_SESSIONS = 10_000;

export const JSONLD_CONTEXT = {
  dpv: 'https://w3id.org/dpv#',
  dct: 'http://purl.org/dc/terms/',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  loc: 'https://w3id.org/dpv/loc#',
  kokuchi: 'urn:kokuchi:',
};

interface SessionRecord {
  id: string;
  kioskId: string;
  counterId: string;
  startedAt: string;
  startedBy: unknown;
  staffName: unknown;
  firstSeq: number;
  lastSeq: number;
  notices: Array<{ version: unknown; language: unknown; reviewed: unknown; shownAt: string }>;
  answer: { answer: string; at: string; language: unknown; version: unknown; elapsedMs: unknown } | null;
  recording: Array<{ startedAt: string; by: unknown; reason: unknown; mode: unknown; stoppedAt: string | null }>;
  pauses: Array<{ pausedAt: string; reason: unknown; resumedAt: string | null }>;
  endedAt: string | null;
  endReason: unknown;
}

const ANSWERS: Record<string, string> = {
  'consent.acknowledged': 'acknowledged',
  'consent.questioned': 'questioned',
  'consent.timeout': 'timeout',
};

function absorb(session: SessionRecord, record: LedgerRecord): void {
  const type: string = record.type;
  session.lastSeq = record.seq;
  if (type === 'notice.shown' || type === 'language.changed') {
    session.notices.push({ version: record.noticeVersion, language: record.language, reviewed: record.reviewed, shownAt: record.ts });
  } else if (ANSWERS[type] !== undefined) {
    // The last answer stands: "I understand" after a question or a timeout is what started recording.
    const answer = ANSWERS[type];
    session.answer = { answer, at: record.ts, language: record.language, version: record.noticeVersion, elapsedMs: record.elapsedMs };
  } else if (type === 'logging.start') {
    session.recording.push({ startedAt: record.ts, by: record.by, reason: record.reason, mode: record.recording, stoppedAt: null });
  } else if (type === 'logging.stop') {
    const open = session.recording.at(-1);
    if (open && open.stoppedAt === null) open.stoppedAt = record.ts;
  } else if (type === 'logging.paused') {
    session.pauses.push({ pausedAt: record.ts, reason: record.reason, resumedAt: null });
  } else if (type === 'logging.resumed') {
    const open = session.pauses.at(-1);
    if (open && open.resumedAt === null) open.resumedAt = record.ts;
  } else if (type === 'session.ended') {
    session.endedAt = record.ts;
    session.endReason = record.reason;
  }
}

function labels(text: Controller): Array<{ '@value': string; '@language': string }> {
  return Object.entries(text).map(([language, value]) => ({ '@value': value, '@language': language }));
}

/** One session as a JSON-LD node. */
export function sessionNode(session: SessionRecord, controller: Controller): Record<string, unknown> {
  const notice = (entry: { version: unknown; language: unknown }) => ({
    '@type': 'dpv:Notice',
    'dct:identifier': entry.version,
    'dct:hasVersion': entry.version,
    'dct:language': entry.language,
  });
  const answered = session.answer;
  return {
    '@id': `urn:uuid:${session.id}`,
    '@type': 'kokuchi:NoticeAcknowledgementRecord',
    'dct:conformsTo': 'https://w3id.org/dpv/schema/iso-27560#record',
    'dct:identifier': session.id,
    'dct:created': { '@value': session.startedAt, '@type': 'xsd:dateTime' },
    'dpv:hasDataController': { '@type': 'dpv:DataController', 'rdfs:label': labels(controller) },
    'dpv:hasJurisdiction': 'loc:JP',
    'dpv:hasLegalBasis': {
      '@type': 'dpv:LegalBasis',
      'rdfs:label': [
        { '@value': 'public task: the office performs its own administrative duties', '@language': 'en' },
        { '@value': '公務の遂行（所掌事務）', '@language': 'ja' },
      ],
    },
    // The notice the resident answered (or last saw), then every one shown in order.
    'dpv:hasNotice': notice(answered ?? session.notices.at(-1) ?? { version: null, language: null }),
    'kokuchi:noticesShown': session.notices.map((entry) => ({
      ...notice(entry),
      'kokuchi:reviewed': entry.reviewed,
      'kokuchi:shownAt': entry.shownAt,
    })),
    'kokuchi:acknowledgement': answered
      ? {
          'kokuchi:answer': answered.answer,
          'dct:date': { '@value': answered.at, '@type': 'xsd:dateTime' },
          'kokuchi:elapsedMs': answered.elapsedMs,
        }
      : null,
    'kokuchi:recording': session.recording.map((run) => ({
      'kokuchi:startedAt': run.startedAt,
      'kokuchi:startedBy': run.by,
      ...(run.reason !== undefined && { 'kokuchi:overrideReason': run.reason }),
      'kokuchi:mode': run.mode,
      'kokuchi:stoppedAt': run.stoppedAt,
    })),
    'kokuchi:pauses': session.pauses.map((pause) => ({
      'kokuchi:pausedAt': pause.pausedAt,
      'kokuchi:reason': pause.reason,
      'kokuchi:resumedAt': pause.resumedAt,
    })),
    'kokuchi:sessionStartedBy': session.startedBy,
    'kokuchi:staffName': session.staffName,
    'kokuchi:endedAt': session.endedAt,
    'kokuchi:endReason': session.endReason,
    'kokuchi:kiosk': session.kioskId,
    'kokuchi:counter': session.counterId,
    'kokuchi:ledgerSeq': { 'kokuchi:first': session.firstSeq, 'kokuchi:last': session.lastSeq },
    ...(session.endedAt === null && { 'kokuchi:complete': false }),
  };
}

/** One JSON-LD document, written as it is read: each session when it ends, the open ones at the end. */
export async function* exportJsonLd(records: AsyncIterable<LedgerRecord>, options: { controller: Controller }): AsyncGenerator<string> {
  const open = new Map<string, SessionRecord>();
  let first = true;
  const emit = (session: SessionRecord): string | null => {
    if (session.notices.length === 0) return null;
    const text = `${first ? '' : ',\n'}${JSON.stringify(sessionNode(session, options.controller))}`;
    first = false;
    return text;
  };
  yield `{"@context":${JSON.stringify(JSONLD_CONTEXT)},\n"@graph":[\n`;
  for await (const record of records) {
    if (record.sessionId === null) continue;
    const key = `${record.kioskId}\u0000${record.sessionId}`;
    let session = open.get(key);
    if (!session) {
      if (open.size >= OPEN_SESSIONS) {
        const [oldestKey, oldest] = open.entries().next().value as [string, SessionRecord];
        open.delete(oldestKey);
        const text = emit(oldest);
        if (text !== null) yield text;
      }
      session = {
        id: record.sessionId,
        kioskId: record.kioskId,
        counterId: record.counterId,
        startedAt: record.ts,
        startedBy: record.type === 'session.started' ? record.by : null,
        staffName: record.type === 'session.started' ? record.staffName : null,
        firstSeq: record.seq,
        lastSeq: record.seq,
        notices: [],
        answer: null,
        recording: [],
        pauses: [],
        endedAt: null,
        endReason: null,
      };
      open.set(key, session);
    }
    absorb(session, record);
    if (session.endedAt !== null) {
      open.delete(key);
      const text = emit(session);
      if (text !== null) yield text;
    }
  }
  for (const session of open.values()) {
    const text = emit(session);
    if (text !== null) yield text;
  }
  yield '\n]}\n';
}
