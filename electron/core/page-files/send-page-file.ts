// Sends one file of a built page (the kiosk page, the staff console, the fleet page) with
// the page's headers. The build writes a Brotli and a gzip copy beside each text file
// (`x.css.br`, `x.css.gz`); a browser that accepts one gets it, so the 700 kB of @font-face
// rules the fonts for fourteen scripts need cross a ward office's network as ~80 kB.
// Vite's hashed names under assets/ never change, so those may be kept for a year.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import path from 'node:path';
import { contentTypeOf } from '../../shared/content-types.js';

/** The encodings the build writes, best first, with the suffix of their copy. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** The file types the build compresses (the rest are compressed already: fonts, audio, images). */
export const COMPRESSED_TYPES = ['.html', '.js', '.mjs', '.css', '.svg', '.json', '.map', '.txt'] as const;

/**
 * The encodings `accept-encoding` admits, by name. Written here rather than taken from a
 * library: two fixed names and their `q` values are all a file server needs to read.
 */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    if (name !== '' && (q === undefined || Number(q) > 0)) accepted.add(name.trim());
  }
  return accepted;
}

/** Whether `file` is one of Vite's content-hashed assets, whose bytes never change under that name. */
function isHashedAsset(file: string): boolean {
  return path.basename(path.dirname(file)) === 'assets' && /-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/.test(path.basename(file));
}

/**
 * Sends `file` (already known to lie inside the page's folder) with `headers`, compressed when the
 * browser accepts a copy the build wrote. False, with nothing sent, when the file is not there.
 */
export async function sendPageFile(req: IncomingMessage, res: ServerResponse, file: string, headers: OutgoingHttpHeaders): Promise<boolean> {
  const compressible = (COMPRESSED_TYPES as readonly string[]).includes(path.extname(file));
  const accepted = compressible ? acceptedEncodings(req.headers['accept-encoding']) : new Set<string>();
  let body: Buffer | null = null;
  let encoding: string | null = null;
  for (const candidate of ENCODINGS) {
    if (!accepted.has(candidate.name)) continue;
    body = await readFile(file + candidate.suffix).catch(() => null);
    if (body !== null) {
      encoding = candidate.name;
      break;
    }
  }
  body ??= await readFile(file).catch(() => null);
  if (body === null) return false;
  res.writeHead(200, {
    'content-type': contentTypeOf(file),
    'content-length': body.length,
    'cache-control': isHashedAsset(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...(compressible ? { vary: 'accept-encoding' } : {}),
    ...(encoding === null ? {} : { 'content-encoding': encoding }),
    ...headers,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
