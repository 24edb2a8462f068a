// `kokuchi hub receipt verify <text>`: a resident's receipt checked with the public keys
// the kiosk it names announced in its ledger (`kiosk.key` records the hub stored, or kept
// past its retention), and the record of that answer looked up in the store.
import type { Pool } from 'pg';
import { publicKeyFrom } from '../core/receipt/receipt-key.js';
import { verifyReceipt, type ReceiptFields } from '../core/receipt/resident-receipt.js';

export type HubReceiptVerdict =
  | { genuine: true; fields: ReceiptFields; recordSeq: number | null }
  | { genuine: false; problem: string };

/** The kiosk a receipt claims to come from, read before any check only to choose the keys. */
function claimedKiosk(text: string): string | null {
  const payload = text.trim().split('.')[1];
  if (payload === undefined) return null;
  try {
    const value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { k?: unknown };
    return typeof value.k === 'string' ? value.k : null;
  } catch {
    return null;
  }
}

async function announcedKeys(pool: Pool, kioskId: string): Promise<string[]> {
  const { rows } = await pool.query<{ key: string | null }>(
    `SELECT line::json->>'publicKey' AS key FROM (
        SELECT seq, line FROM records WHERE kiosk_id = $1 AND type = 'kiosk.key'
        UNION ALL SELECT seq, line FROM kept_keys WHERE kiosk_id = $1
      ) announced ORDER BY seq DESC`,
    [kioskId],
  );
  return [...new Set(rows.flatMap((row) => (row.key === null ? [] : [row.key])))];
}

export async function verifyReceiptAtHub(pool: Pool, text: string): Promise<HubReceiptVerdict> {
  const kioskId = claimedKiosk(text);
  if (kioskId === null) {
    // No kiosk to take a key from: the form check alone says what is wrong.
    const shape = /^KKC1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(text.trim());
    return { genuine: false, problem: shape ? 'the payload does not name a kiosk' : 'not a KKC1 receipt (expected KKC1.<payload>.<signature>)' };
  }
  const keys = await announcedKeys(pool, kioskId);
  if (keys.length === 0) {
    return { genuine: false, problem: `the hub holds no kiosk.key record of kiosk ${JSON.stringify(kioskId.slice(0, 80))}: it cannot vouch for this receipt` };
  }
  let problem = '';
  for (const key of keys) {
    let verdict;
    try {
      verdict = verifyReceipt(text, publicKeyFrom(key));
    } catch {
      continue;
    }
    if (!verdict.genuine) {
      problem = verdict.problem;
      continue;
    }
    const { fields } = verdict;
    const answer = fields.answer === 'acknowledged' ? 'consent.acknowledged' : 'logging.start';
    const record = await pool.query<{ seq: number }>(
      'SELECT seq::float8 AS seq FROM records WHERE kiosk_id = $1 AND session_id = $2 AND type = $3 AND ts = $4 ORDER BY seq LIMIT 1',
      [fields.kioskId, fields.sessionId, answer, fields.ts],
    );
    return { genuine: true, fields, recordSeq: record.rows[0]?.seq ?? null };
  }
  return { genuine: false, problem: problem || 'none of the kiosk\'s announced keys could be read' };
}
