// Checks a Standard Webhooks signature on an ingest: the id, a timestamp within the
// tolerance the specification's libraries use, and a `v1,` HMAC made with one secret.
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { signingKey, webhookSignature } from '../core/webhooks/webhook-signature.js';

/** Standard Webhooks' tolerance for a timestamp's distance from the receiver's clock. */
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

const signedHeaders = z.object({
  'webhook-id': z.string().min(1).max(256),
  'webhook-timestamp': z.string().regex(/^\d{1,12}$/, 'must be whole seconds since 1970'),
  'webhook-signature': z.string().min(1).max(4096),
});

export type SignedHeaders = z.infer<typeof signedHeaders>;

export type HeaderCheck = { ok: true; headers: SignedHeaders } | { ok: false; problem: string };

/** The three headers, or what is wrong with them; `nowSeconds` is the hub's clock. */
export function readSignedHeaders(raw: Record<string, string | string[] | undefined>, nowSeconds: number): HeaderCheck {
  const parsed = signedHeaders.safeParse({
    'webhook-id': raw['webhook-id'],
    'webhook-timestamp': raw['webhook-timestamp'],
    'webhook-signature': raw['webhook-signature'],
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: `header ${String(issue?.path[0] ?? 'webhook-*')}: ${issue?.message ?? 'missing'}` };
  }
  const timestamp = Number(parsed.data['webhook-timestamp']);
  if (Math.abs(nowSeconds - timestamp) > TIMESTAMP_TOLERANCE_SECONDS) {
    return { ok: false, problem: `webhook-timestamp is more than ${TIMESTAMP_TOLERANCE_SECONDS} s from the hub's clock: check the kiosk's clock` };
  }
  return { ok: true, headers: parsed.data };
}

/** Whether any `v1,` signature in the header is this secret's signature of the body. */
export function signedWith(secret: string, headers: SignedHeaders, body: string): boolean {
  const expected = Buffer.from(webhookSignature(signingKey(secret), headers['webhook-id'], Number(headers['webhook-timestamp']), body));
  return headers['webhook-signature'].split(' ').some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
