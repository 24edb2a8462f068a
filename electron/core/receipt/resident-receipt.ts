// The resident's receipt: `KKC1.<base64url(payload)>.<base64url(signature)>`, small enough
// for a QR code a phone reads at the counter. It names the session and notice, never a person.
import { verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';

const PREFIX = 'KKC1';

/** Short keys keep the QR code small; `n` is the notice version's 32 hash bytes, base64url. */
const payloadSchema = z
  .object({
    k: z.string().min(1).max(80),
    c: z.string().min(1).max(80),
    s: z.string().min(1).max(64),
    t: z.iso.datetime({ precision: 3 }),
    n: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    a: z.enum(['acknowledged', 'override']),
  })
  .strict();

export interface ReceiptFields {
  kioskId: string;
  counterId: string;
  sessionId: string;
  /** The ledger time of the answer (or of the override's `logging.start`). */
  ts: string;
  noticeVersion: string;
  answer: 'acknowledged' | 'override';
}

export function makeReceipt(fields: ReceiptFields, sign: (data: Buffer) => Buffer): string {
  const hex = /^sha256:([0-9a-f]{64})$/.exec(fields.noticeVersion)?.[1];
  if (hex === undefined) throw new Error(`not a notice version: ${fields.noticeVersion}`);
  const payload = { k: fields.kioskId, c: fields.counterId, s: fields.sessionId, t: fields.ts, n: Buffer.from(hex, 'hex').toString('base64url'), a: fields.answer };
  const body = `${PREFIX}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${body}.${sign(Buffer.from(body)).toString('base64url')}`;
}

export type Verdict = { genuine: true; fields: ReceiptFields } | { genuine: false; problem: string };

/** Checks the signature over the exact text before reading anything in it. */
export function verifyReceipt(text: string, publicKey: KeyObject): Verdict {
  const parts = text.trim().split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX) return { genuine: false, problem: `not a ${PREFIX} receipt (expected ${PREFIX}.<payload>.<signature>)` };
  const [, payload = '', signature = ''] = parts;
  const signed = Buffer.from(`${PREFIX}.${payload}`);
  if (!/^[A-Za-z0-9_-]+$/.test(signature) || !verify(null, signed, publicKey, Buffer.from(signature, 'base64url'))) {
    return { genuine: false, problem: 'the signature does not match: the receipt was altered or not made by this kiosk' };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { genuine: false, problem: 'the signed payload is not JSON' };
  }
  const parsed = payloadSchema.safeParse(raw);
  if (!parsed.success) return { genuine: false, problem: `the signed payload is not a receipt: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  const p = parsed.data;
  return {
    genuine: true,
    fields: { kioskId: p.k, counterId: p.c, sessionId: p.s, ts: p.t, noticeVersion: `sha256:${Buffer.from(p.n, 'base64url').toString('hex')}`, answer: p.a },
  };
}
