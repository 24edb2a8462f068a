// `GET /fleet/` and `/fleet/<file>`: the fleet page built into dist/fleet/, read-only and
// without a token (the page asks for it once); the one folder check keeps requests inside.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileInsideFolder } from '../core/page-files/file-inside-folder.js';
import { sendPageFile } from '../core/page-files/send-page-file.js';
import { KIOSK_PAGE_CSP } from '../shared/content-security-policy.js';

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
  const headers = { 'content-security-policy': KIOSK_PAGE_CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
  if (file === null || !(await sendPageFile(req, res, file, headers))) {
    const text = pageDir === undefined ? 'the fleet page is not built (npm run build)' : 'not found';
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(req.method === 'HEAD' ? undefined : text);
  }
}
