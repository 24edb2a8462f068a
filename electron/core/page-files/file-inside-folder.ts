// Maps a request's URL path to a file inside the built page's folder, or refuses it:
// the one check both shells' file servers use, so neither can be walked out of its folder.
import path from 'node:path';

// A `..` segment is refused outright, even where a URL parser would have normalised it
// away: a request that tries to climb out is never a page asset.
const CLIMBING_SEGMENT = /(^|[/\\])\.\.([/\\]|$)/;

function safelyDecoded(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** `rawPath` is the URL's path as sent (still percent-encoded); `/` means index.html. */
export function fileInsideFolder(rootDir: string, rawPath: string): string | null {
  const pathname = safelyDecoded(rawPath);
  if (pathname === null || CLIMBING_SEGMENT.test(rawPath)) return null;
  if (pathname.includes('\0') || pathname.includes('\\') || CLIMBING_SEGMENT.test(pathname)) return null;
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = path.resolve(rootDir);
  const file = path.resolve(root, relative);
  const inside = path.relative(root, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) return null;
  return file;
}
