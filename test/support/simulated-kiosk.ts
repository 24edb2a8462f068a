// A kiosk's ledger lines without a kiosk: real records (the ledger's own serialiser and
// hash), chained from seq 1, and each signed for the hub as the kiosk's outbox signs it.
import { v7 as uuidv7 } from 'uuid';
import { Webhook } from 'standardwebhooks';
import { GENESIS_PREV, lineHash, serialiseRecord } from '../../electron/core/ledger/record-line.js';
import type { LedgerRecord } from '../../electron/shared/events.js';

export const NOTICE_VERSION = `sha256:${'ab'.repeat(32)}`;

export interface SimulatedLine {
  seq: number;
  id: string;
  line: string;
}

export class SimulatedKiosk {
  readonly lines: SimulatedLine[] = [];
  private prev = GENESIS_PREV;
  private clock: number;

  constructor(
    readonly kioskId: string,
    readonly counterId: string,
    start = Date.parse('2026-12-01T09:00:00.000Z'),
  ) {
    this.clock = start;
  }

  /** Appends `count` records of a plausible session mix and returns them. */
  write(count: number, now?: () => number): SimulatedLine[] {
    const written: SimulatedLine[] = [];
    for (let i = 0; i < count; i += 1) {
      const seq = this.lines.length + 1;
      this.clock = now ? now() : this.clock + 1000;
      const base = {
        seq, id: uuidv7(), ts: new Date(this.clock).toISOString(), kioskId: this.kioskId, counterId: this.counterId, prev: this.prev,
      };
      const record = (seq === 1
        ? { ...base, type: 'kiosk.started', sessionId: null, version: '0.1.0', configVersion: 'sha256:00' }
        : seq % 3 === 2
          ? { ...base, type: 'session.started', sessionId: `s-${seq}`, by: 'staff', staffName: '佐藤 ✓', recording: 'audio' }
          : seq % 3 === 0
            ? { ...base, type: 'notice.shown', sessionId: `s-${seq - 1}`, language: 'vi', noticeVersion: NOTICE_VERSION, reviewed: true }
            : { ...base, type: 'session.ended', sessionId: `s-${seq - 2}`, reason: 'staff' }) as unknown as LedgerRecord;
      const line = serialiseRecord(record);
      this.prev = lineHash(line);
      const entry = { seq, id: base.id, line };
      this.lines.push(entry);
      written.push(entry);
    }
    return written;
  }
}

/** Appends one record of any type (for audits: keys, answers, sessions across days). */
export function appendRecord(
  kiosk: SimulatedKiosk,
  type: string,
  sessionId: string | null,
  fields: Record<string, unknown>,
  ts: number,
): SimulatedLine {
  const seq = kiosk.lines.length + 1;
  const prev = kiosk.lines.length === 0 ? GENESIS_PREV : lineHash(kiosk.lines.at(-1)!.line);
  const record = { seq, id: uuidv7(), ts: new Date(ts).toISOString(), type, kioskId: kiosk.kioskId, counterId: kiosk.counterId, sessionId, prev, ...fields };
  const line = serialiseRecord(record as unknown as LedgerRecord);
  const entry = { seq, id: record.id, line };
  kiosk.lines.push(entry);
  return entry;
}

export function signedHeaders(secret: string, entry: { id: string; line: string }, at = new Date()): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': entry.id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(entry.id, at, entry.line),
  };
}

/** POSTs one line to `<hub>v1/ingest` as a kiosk would. */
export async function deliver(hubUrl: string, secret: string, entry: { id: string; line: string }): Promise<{ status: number; body: { code?: string; status?: string } }> {
  const response = await fetch(new URL('v1/ingest', hubUrl), { method: 'POST', headers: signedHeaders(secret, entry), body: entry.line });
  return { status: response.status, body: (await response.json()) as { code?: string; status?: string } };
}
