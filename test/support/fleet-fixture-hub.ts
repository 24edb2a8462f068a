// A stand-in for the records hub's reading side (hub.md, Reading): dist/fleet at /fleet/
// under the kiosk pages' CSP, and /v1/fleet and /v1/events answering from fixed data with
// the hub token — for testing the fleet page alone.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { fileInsideFolder } from '../../electron/core/page-files/file-inside-folder.js';
import { KIOSK_PAGE_CSP } from '../../electron/shared/content-security-policy.js';
import { CONTENT_TYPES } from '../../electron/shared/content-types.js';
import { ROOT } from './kiosk-process.js';

export const HUB_TOKEN = 'h'.repeat(43);

export interface FixtureHub {
  url: string;
  /** What /v1/fleet lists. */
  kiosks: Array<Record<string, unknown>>;
  /** Records per kiosk id, for /v1/events. */
  events: Map<string, Array<Record<string, unknown>>>;
  /** While true, the API answers 503 (the page must keep what it has). */
  down: boolean;
  /** Every API request: its path with query, and whether its bearer token was right. */
  requests: Array<{ path: string; authorized: boolean }>;
  close(): Promise<void>;
}

export async function startFixtureHub(): Promise<FixtureHub> {
  const fleetDir = join(ROOT, 'dist', 'fleet');
  const hub: FixtureHub = { url: '', kiosks: [], events: new Map(), down: false, requests: [], close: async () => undefined };
  const json = (res: import('node:http').ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fixture');
      if (url.pathname.startsWith('/v1/')) {
        const authorized = req.headers.authorization === `Bearer ${HUB_TOKEN}`;
        hub.requests.push({ path: url.pathname + url.search, authorized });
        if (!authorized) return json(res, 401, { code: 'unauthorized', message: 'missing or wrong token' });
        if (hub.down) return json(res, 503, { code: 'unavailable', message: 'down for the test' });
        if (url.pathname === '/v1/fleet') return json(res, 200, { kiosks: hub.kiosks });
        if (url.pathname === '/v1/events') {
          const after = Number(url.searchParams.get('after') ?? 0);
          const limit = Number(url.searchParams.get('limit') ?? 100);
          const all = hub.events.get(url.searchParams.get('kiosk') ?? '') ?? [];
          const events = all.filter((event) => (event.seq as number) > after).slice(0, limit);
          return json(res, 200, { events, lastSeq: (all.at(-1)?.seq as number | undefined) ?? 0 });
        }
        return json(res, 404, { code: 'not-found', message: 'no such route' });
      }
      if (url.pathname === '/fleet') {
        res.writeHead(308, { location: '/fleet/' }).end();
        return;
      }
      const file = url.pathname.startsWith('/fleet/') ? fileInsideFolder(fleetDir, url.pathname.slice('/fleet'.length)) : null;
      const body = file ? await readFile(file).catch(() => null) : null;
      if (!file || !body) return json(res, 404, { code: 'not-found', message: 'no such file' });
      res.writeHead(200, {
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': KIOSK_PAGE_CSP,
        'x-content-type-options': 'nosniff',
      });
      res.end(body);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  hub.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return hub;
}
