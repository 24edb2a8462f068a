// The kiosk page's one origin. Node's URL gives non-special schemes the origin
// "null", so the check compares scheme and host instead of `url.origin`.
export const APP_SCHEME = 'kokuchi';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const KIOSK_PAGE_URL = `${APP_ORIGIN}/index.html`;

/** Whether `url` belongs to the app's own origin (`kokuchi://app`). */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
