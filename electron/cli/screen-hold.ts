// Who holds the kiosk screen in the headless shell. The printed link carries a one-time
// code; the first browser to use it gets a session cookie in exchange and the code is burnt,
// so a later reader of the link (a log, another user's `ps`, a second browser) holds nothing.
import { randomBytes } from 'node:crypto';
import { tokenMatches } from '../core/index.js';

export const SCREEN_COOKIE = 'kokuchi-screen';

export class ScreenHold {
  /** The one-time code of the printed `kiosk ui:` link. */
  readonly code = randomBytes(24).toString('base64url');
  private used = false;
  private readonly session = randomBytes(32).toString('base64url');

  /** The session to set as a cookie when `code` is the unused link code; burns the code. Null otherwise. */
  exchange(code: string | null): string | null {
    if (this.used || !tokenMatches(this.code, code)) return null;
    this.used = true;
    return this.session;
  }

  /** Whether a request's `Cookie` header carries the holder's session. */
  isHolder(cookieHeader: string | undefined): boolean {
    return this.used && tokenMatches(this.session, cookieValue(cookieHeader, SCREEN_COOKIE));
  }

  /** The `Set-Cookie` value: for this browser only, never to scripts, never on a cross-site request; gone with the browser. */
  cookie(session: string): string {
    return `${SCREEN_COOKIE}=${session}; Path=/; HttpOnly; SameSite=Strict`;
  }
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}
