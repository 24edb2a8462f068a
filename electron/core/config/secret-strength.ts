// How strong a shared secret must be: webhook and hub secrets sign records that stand as
// evidence, so a short or patterned one is refused at the configuration boundary.
import { z } from 'zod';

/** The fewest key bytes a `whsec_` secret may carry (Standard Webhooks asks for 24 to 64). */
export const MIN_SECRET_BYTES = 24;
/** Random bytes repeat rarely; fewer distinct values than this means a typed or patterned key. */
const MIN_DISTINCT_BYTES = 12;

const WHSEC = /^whsec_([A-Za-z0-9+/]+={0,2})$/;

/** What is wrong with a `whsec_<base64>` secret, never quoting it; null when it is strong. */
export function secretWeakness(secret: string): string | null {
  const base64 = WHSEC.exec(secret)?.[1];
  if (base64 === undefined) return 'must be "whsec_" followed by base64';
  const key = Buffer.from(base64, 'base64');
  if (key.length < MIN_SECRET_BYTES) {
    return `decodes to ${key.length} bytes; it must carry at least ${MIN_SECRET_BYTES} random bytes (e.g. "whsec_" + \`openssl rand -base64 32\`)`;
  }
  if (new Set(key).size < MIN_DISTINCT_BYTES) {
    return 'is not random (too few distinct bytes); generate one with "whsec_" + `openssl rand -base64 32`';
  }
  return null;
}

/** A `whsec_<base64>` secret of at least 24 random bytes, for any configuration section that signs. */
export const strongSecret = z.string().superRefine((secret, context) => {
  const weakness = secretWeakness(secret);
  if (weakness !== null) context.addIssue({ code: 'custom', message: weakness });
});
