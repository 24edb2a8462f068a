// A realistic ledger of many records, written by the ledger's own writer (ConsentLedger,
// group commits, fdatasync) under a clock that moves a few minutes per session, so the
// records fall into monthly segments as a busy counter's would over a few years.
import { ConsentLedger } from '../../electron/core/ledger/consent-ledger.js';

const NOTICE = `sha256:${'3f'.repeat(32)}`;
const LANGUAGES = ['ja', 'en', 'zh-Hans', 'ko', 'vi', 'pt-BR', 'es', 'ne'];
/** Sessions queued before waiting for them to be durable: about a few hundred records per write. */
const SESSIONS_IN_FLIGHT = 80;

/** Writes at least `records` records (whole sessions) to a new ledger in `dir`; resolves to the count. */
export async function writeBenchLedger(dir: string, records: number): Promise<number> {
  let clock = Date.parse('2024-01-04T00:00:00.000Z');
  const ledger = await ConsentLedger.open({ dir, kioskId: 'kiosk-bench-01', counterId: 'counter-3', now: () => new Date(clock) });
  let session = 0;
  try {
    while (ledger.lastSeq < records) {
      const pending: Array<Promise<unknown>> = [];
      for (let i = 0; i < SESSIONS_IN_FLIGHT; i++) {
        session += 1;
        // About 6 minutes a session: 1,000,000 records span a little over two years.
        clock += 360_000;
        const sessionId = `0190${session.toString(16).padStart(8, '0')}-bench-${(session % 9973).toString(36)}`;
        const language = LANGUAGES[session % LANGUAGES.length]!;
        const byStaff = session % 3 !== 0;
        pending.push(
          ledger.append('session.started', sessionId, {
            by: byStaff ? 'staff' : 'resident',
            staffName: byStaff ? `窓口 ${session % 17}` : null,
            recording: session % 5 === 0 ? 'audio-video' : 'audio',
          }),
          ledger.append('notice.shown', sessionId, { language: 'ja', noticeVersion: NOTICE, reviewed: true }),
        );
        if (language !== 'ja') {
          pending.push(ledger.append('language.changed', sessionId, { language, noticeVersion: NOTICE, reviewed: session % 4 !== 0 }));
        }
        if (session % 11 === 0) {
          pending.push(ledger.append('consent.questioned', sessionId, { language, noticeVersion: NOTICE, elapsedMs: 4000 + (session % 900) }));
        }
        pending.push(
          ledger.appendTogether([
            { type: 'consent.acknowledged', sessionId, payload: { language, noticeVersion: NOTICE, elapsedMs: 2500 + (session % 7000) } },
            { type: 'logging.start', sessionId, payload: { by: 'acknowledgement', recording: 'audio' } },
          ]),
          ledger.append('logging.stop', sessionId, { reason: 'staff' }),
          ledger.append('session.ended', sessionId, session % 13 === 0 ? { reason: 'staff', staffReason: 'ご本人の希望, "録音なし"' } : { reason: 'staff' }),
        );
      }
      await Promise.all(pending);
    }
  } finally {
    await ledger.close();
  }
  return ledger.lastSeq;
}
