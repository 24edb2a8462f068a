// The `hub` section of kokuchi.config.json: where the records hub listens and the secret
// `kokuchi hub enroll` gave this kiosk (shared/spec/hub.md).
import { z } from 'zod';
import { secretWeakness } from './secret-strength.js';
import { displayUrl } from '../webhooks/endpoint-url.js';

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
    // The same strength rule as webhook secrets, and where a hub secret comes from.
    secret: z.string().superRefine((secret, context) => {
      const weakness = secretWeakness(secret);
      if (weakness !== null) context.addIssue({ code: 'custom', message: `${weakness}; a hub secret is what \`kokuchi hub enroll --counter ID\` prints` });
    }),
  })
  .strict();

export type HubSection = z.infer<typeof hubSection>;

/** `<url>v1/ingest`, also when the configured URL has a path without its final `/`. */
export function hubIngestUrl(url: string): string {
  return hubPath(url, 'v1/ingest');
}

/** `<url>v1/notices`, where the kiosk sends the texts of its notice archive. */
export function hubNoticesUrl(url: string): string {
  return hubPath(url, 'v1/notices');
}

function hubPath(url: string, path: string): string {
  const base = new URL(url);
  if (!base.pathname.endsWith('/')) base.pathname = `${base.pathname}/`;
  return new URL(path, base).toString();
}

/** The hub as status, metrics and the admin screen show it: scheme, host and port only. */
export function hubDisplayUrl(url: string): string {
  return displayUrl(url);
}
