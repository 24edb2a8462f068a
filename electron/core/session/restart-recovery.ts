// A session can never be left half-open: a session the previous run left open is
// closed honestly in the ledger (after `logging.stop` if it was logging).
import type { LedgerRecord } from '../../shared/events.js';
import type { EventSink } from './counter-session.js';

export interface LedgerTail extends EventSink {
  readonly lastSeq: number;
  readAfter(seq: number, limit?: number): Promise<LedgerRecord[]>;
}

/** How far back to look; a session is a handful of events, so this is generous. */
const LOOK_BACK = 2000;

export async function closeSessionLeftOpen(ledger: LedgerTail, reason: string): Promise<string | null> {
  const tail = await ledger.readAfter(Math.max(0, ledger.lastSeq - LOOK_BACK));
  let open: string | null = null;
  let logging = false;
  for (const record of tail) {
    if (record.type === 'session.started') {
      open = record.sessionId;
      logging = false;
    } else if (record.sessionId === open) {
      if (record.type === 'logging.start') logging = true;
      if (record.type === 'logging.stop') logging = false;
      if (record.type === 'session.ended') open = null;
    }
  }
  if (open === null) return null;
  if (logging) await ledger.append('logging.stop', open, { reason });
  await ledger.append('session.ended', open, { reason });
  return open;
}
