// Standard Webhooks signing: `v1,` + base64 HMAC-SHA256 of `id.timestamp.body`, keyed
// with the bytes of the base64 after `whsec_` (https://www.standardwebhooks.com/).
import { createHmac, type KeyObject } from 'node:crypto';

const SECRET = /^whsec_([A-Za-z0-9+/]+=*)$/;

/** The HMAC key of a `whsec_<base64>` secret; throws without echoing the secret. */
export function signingKey(secret: string): Buffer {
  const base64 = SECRET.exec(secret)?.[1];
  const key = base64 === undefined ? Buffer.alloc(0) : Buffer.from(base64, 'base64');
  if (key.length === 0) throw new Error('a webhook secret must be "whsec_" followed by non-empty base64');
  return key;
}

/** The `webhook-signature` header value for one attempt (a receiver checking many may pass a KeyObject made once). */
export function webhookSignature(key: Buffer | KeyObject, id: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`, 'utf8').digest('base64');
  return `v1,${mac}`;
}
