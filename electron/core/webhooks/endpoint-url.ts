// How a configured URL is named outside its configuration: status, metrics, the admin
// screen, file names and logs never carry a user, password, path, query or fragment — a
// path can hold a token as well as a query can.
import { createHash } from 'node:crypto';

/** Scheme, host and port only (`https://hooks.example.org:8443/`): the one way a URL is shown. */
export function displayUrl(url: string): string {
  try {
    const { protocol, host } = new URL(url);
    return `${protocol}//${host}/`;
  } catch {
    return '(a URL that cannot be read)';
  }
}

/** `text` with every http(s), ws(s) URL in it cut down to `displayUrl`, for messages and logs. */
export function redactUrls(text: string): string {
  return text.replace(/\b(?:https?|wss?):\/\/[^\s"'<>]+/gi, (url) => displayUrl(url));
}

/**
 * The name of an endpoint's cursor file: a hash of its full URL, so the name leaks
 * nothing. `occurrence` (0 for the first) keeps a URL configured twice on two cursors.
 */
export function endpointKey(url: string, occurrence: number): string {
  const text = occurrence === 0 ? url : `${url}\n${occurrence}`;
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32);
}
