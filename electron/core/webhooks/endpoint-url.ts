// How an endpoint is named outside its configuration: status, metrics and file names
// never carry a password, a query token or the secret.
import { createHash } from 'node:crypto';

/** The URL without user, password, query or fragment, as `/v1/status` and `/metrics` show it. */
export function displayUrl(url: string): string {
  const shown = new URL(url);
  shown.username = '';
  shown.password = '';
  shown.search = '';
  shown.hash = '';
  return shown.toString();
}

/**
 * The name of an endpoint's cursor file: a hash of its full URL, so the name leaks
 * nothing. `occurrence` (0 for the first) keeps a URL configured twice on two cursors.
 */
export function endpointKey(url: string, occurrence: number): string {
  const text = occurrence === 0 ? url : `${url}\n${occurrence}`;
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32);
}
