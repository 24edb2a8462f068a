// Checks a Standard Webhooks signature on an ingest: the id, a timestamp within the
// tolerance the specification's libraries use, and a `v1,` HMAC made with one secret.
// Every request is checked; what is the same for every request (a secret's HMAC key) is
// worked out once per secret.
import { createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { signingKey, webhookSignature } from '../core/webhooks/webhook-signature.js';

/** Standard Webhooks' tolerance for a timestamp's distance from the receiver's clock. */
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

export type HeaderCheck = { ok: true; headers: SignedHeaders } | { ok: false; problem: string };

const TIMESTAMP = /^\d{1,12}$/;

/** The header's one value, or what is wrong with it. */
function headerValue(raw: Record<string, string | string[] | undefined>, name: keyof SignedHeaders, max: number): string | { problem: string } {
  const value = raw[name];
  if (value === undefined) return { problem: `header ${name}: missing` };
  if (typeof value !== 'string') return { problem: `header ${name}: must be sent once` };
  if (value.length === 0) return { problem: `header ${name}: must not be empty` };
  if (value.length > max) return { problem: `header ${name}: longer than ${max} characters` };
  return value;
}

/** The three headers, or what is wrong with them; `nowSeconds` is the hub's clock. */
export function readSignedHeaders(raw: Record<string, string | string[] | undefined>, nowSeconds: number): HeaderCheck {
  const id = headerValue(raw, 'webhook-id', 256);
  if (typeof id !== 'string') return { ok: false, ...id };
  const timestamp = headerValue(raw, 'webhook-timestamp', 12);
  if (typeof timestamp !== 'string') return { ok: false, ...timestamp };
  if (!TIMESTAMP.test(timestamp)) return { ok: false, problem: 'header webhook-timestamp: must be whole seconds since 1970' };
  const signature = headerValue(raw, 'webhook-signature', 4096);
  if (typeof signature !== 'string') return { ok: false, ...signature };
  if (Math.abs(nowSeconds - Number(timestamp)) > TIMESTAMP_TOLERANCE_SECONDS) {
    return { ok: false, problem: `webhook-timestamp is more than ${TIMESTAMP_TOLERANCE_SECONDS} s from the hub's clock: check the kiosk's clock` };
  }
  return { ok: true, headers: { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature } };
}

/** HMAC keys by secret: enrolments are few, and a retired secret's key is dropped with the rest when there are many. */
const keys = new Map<string, KeyObject>();
const MAX_KEYS = 10_000;

function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (key === undefined) {
    if (keys.size >= MAX_KEYS) keys.clear();
    key = createSecretKey(signingKey(secret));
    keys.set(secret, key);
  }
  return key;
}

/** Whether any `v1,` signature in the header is this secret's signature of the body. */
export function signedWith(secret: string, headers: SignedHeaders, body: string): boolean {
  const expected = Buffer.from(webhookSignature(keyOf(secret), headers['webhook-id'], Number(headers['webhook-timestamp']), body));
  return headers['webhook-signature'].split(' ').some((candidate) => {
    if (candidate.length !== expected.length) return false;
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
