// The `hub` section of kokuchi.config.json: where the records hub listens and the secret
// `kokuchi hub enroll` gave this kiosk (shared/spec/hub.md).
import { z } from 'zod';
import { displayUrl } from '../webhooks/endpoint-url.js';

/** The contract asks for at least 24 random bytes behind `whsec_`. */
export const MIN_SECRET_BYTES = 24;

const WHSEC = /^whsec_([A-Za-z0-9+/]+=*)$/;

/** Bytes of key material in a `whsec_<base64>` secret (0 when it is not one). */
export function secretBytes(secret: string): number {
  const base64 = WHSEC.exec(secret)?.[1];
  return base64 === undefined ? 0 : Buffer.from(base64, 'base64').length;
}

const hubUrl = z
  .url({ protocol: /^https?$/ })
  .refine((url) => {
    const parsed = new URL(url);
    return parsed.username === '' && parsed.password === '';
  }, 'must not carry a user or password: the hub trusts the signature, not the URL')
  .refine((url) => {
    const parsed = new URL(url);
    return parsed.search === '' && parsed.hash === '';
  }, 'must not have a query or fragment: give the hub\'s address, e.g. "http://192.0.2.20:4790/"');

export const hubSection = z
  .object({
    url: hubUrl,
    secret: z
      .string()
      .regex(WHSEC, 'must be "whsec_" followed by base64, as `kokuchi hub enroll` prints it')
      .refine((secret) => secretBytes(secret) >= MIN_SECRET_BYTES, {
        message: `must hold at least ${MIN_SECRET_BYTES} random bytes: run \`kokuchi hub enroll --counter ID\` for a new one`,
      }),
  })
  .strict();

export type HubSection = z.infer<typeof hubSection>;

/** `<url>v1/ingest`, also when the configured URL has a path without its final `/`. */
export function hubIngestUrl(url: string): string {
  const base = new URL(url);
  if (!base.pathname.endsWith('/')) base.pathname = `${base.pathname}/`;
  return new URL('v1/ingest', base).toString();
}

/** The hub as status, metrics and the admin screen show it: scheme, host and port only. */
export function hubDisplayUrl(url: string): string {
  return displayUrl(url);
}
