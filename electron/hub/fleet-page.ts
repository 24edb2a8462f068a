// `GET /fleet/` and `/fleet/<file>`: the fleet page built into dist/fleet/, read-only and
// without a token (the page asks for it once); the one folder check keeps requests inside.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileInsideFolder } from '../core/page-files/file-inside-folder.js';
import { KIOSK_PAGE_CSP } from '../shared/content-security-policy.js';
import { contentTypeOf } from '../shared/content-types.js';

export function isFleetPage(pathname: string): boolean {
  return pathname === '/fleet' || pathname.startsWith('/fleet/');
}

export async function serveFleetPage(pageDir: string | undefined, req: IncomingMessage, res: ServerResponse, rawPath: string): Promise<void> {
  // Relative asset URLs need the trailing slash.
  if (rawPath === '/fleet') {
    res.writeHead(308, { location: '/fleet/', 'content-length': 0 });
    res.end();
    return;
  }
  const file = pageDir === undefined ? null : fileInsideFolder(pageDir, rawPath.slice('/fleet'.length));
  const body = file === null ? null : await readFile(file).catch(() => null);
  if (body === null || file === null) {
    const text = pageDir === undefined ? 'the fleet page is not built (npm run build)' : 'not found';
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(req.method === 'HEAD' ? undefined : text);
    return;
  }
  res.writeHead(200, {
    'content-type': contentTypeOf(file),
    'content-length': body.length,
    'content-security-policy': KIOSK_PAGE_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
