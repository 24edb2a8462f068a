// The staff console's files on the staff link: `/staff/` and the built page's assets,
// read-only and without a token (the page itself asks for it). Only names Vite writes
// are served, so no request can reach outside the renderer's build folder.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { KIOSK_PAGE_CSP } from '../../shared/content-security-policy.js';
import { sendPageFile } from '../page-files/send-page-file.js';

/** The kiosk page's policy; `connect-src 'self'` also admits ws:/wss: to this same origin. */
export const STAFF_CONSOLE_CSP = KIOSK_PAGE_CSP;

/** Only what Vite writes for the console is served; anything else under assets/ is not. */
const CONSOLE_TYPES: ReadonlySet<string> = new Set(['.html', '.js', '.css', '.svg', '.png', '.woff2']);

/** `/staff/` → staff/index.html; `/assets/<flat name>` → assets/<name>; anything else → null. */
export function consoleFile(pathname: string): string | null {
  if (pathname === '/staff/' || pathname === '/staff/index.html') return join('staff', 'index.html');
  const asset = pathname.match(/^\/assets\/([A-Za-z0-9_-][A-Za-z0-9._-]{0,200})$/);
  return asset?.[1] === undefined ? null : join('assets', asset[1]);
}

export function isConsoleRequest(method: string, pathname: string): boolean {
  return (method === 'GET' || method === 'HEAD') && (pathname === '/staff' || consoleFile(pathname) !== null);
}

export async function serveConsole(rendererDir: string | undefined, req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
  // Relative asset URLs need the trailing slash.
  if (pathname === '/staff') {
    res.writeHead(308, { location: '/staff/', 'content-length': 0 });
    res.end();
    return;
  }
  const relative = consoleFile(pathname);
  const served = rendererDir !== undefined && relative !== null && CONSOLE_TYPES.has(extname(relative));
  const headers = { 'content-security-policy': STAFF_CONSOLE_CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
  if (!served || !(await sendPageFile(req, res, join(rendererDir, relative), headers))) {
    const text = rendererDir === undefined ? 'the staff console is not installed with this kiosk' : 'not found';
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(req.method === 'HEAD' ? undefined : text);
  }
}
