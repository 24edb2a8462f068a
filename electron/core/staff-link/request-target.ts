// Reading a request's path safely: only the origin form (`/path?query`) is accepted, so that
// `//host/…` or `http://…` is never taken as a host, and a malformed one is a 400, not a crash.
import { KioskError } from '../session/kiosk-error.js';

/** The request target as a URL on a placeholder host, or null when it is not a plain path. */
export function requestTarget(target: string | undefined): URL | null {
  if (target === undefined || !target.startsWith('/')) return null;
  try {
    return new URL(`http://kiosk${target}`);
  } catch {
    return null;
  }
}

/** A percent-encoded path segment, decoded; a malformed escape is the client's error. */
export function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new KioskError('bad-request', 'the path has a malformed percent-escape');
  }
}
