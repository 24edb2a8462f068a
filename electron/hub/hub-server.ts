// The hub's one HTTP listener: ingest from kiosks (signed), reads for the office (token),
// health, metrics and the fleet page. A failure in one request ends only that request.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Pool } from 'pg';
import { bearerMatches } from './hub-token.js';
import { events, fleet } from './fleet-reads.js';
import { isFleetPage, serveFleetPage } from './fleet-page.js';
import type { HubMetrics } from './hub-metrics.js';
import type { Ingest } from './ingest.js';
import { MAX_NOTICE_BYTES, type NoticeIngest } from './notice-store.js';

/** A ledger line is a few hundred bytes; anything near this is not one. */
export const MAX_INGEST_BYTES = 64 * 1024;

export interface HubServerParts {
  pool: Pool;
  ingest: Ingest;
  notices: NoticeIngest;
  metrics: HubMetrics;
  /** Whether a `Host` header names this hub (served-host.ts); anything else gets 421. */
  servesHost: (header: string | undefined) => boolean;
  token: string;
  /** dist/fleet, when built. */
  fleetPageDir?: string | undefined;
}

class TooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    req.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > limit) {
        reject(new TooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    // A ledger line comes in one chunk: no copy then.
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8'): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}

const json = (res: ServerResponse, status: number, value: unknown) => send(res, status, JSON.stringify(value));

async function route(parts: HubServerParts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
  const method = req.method ?? 'GET';
  // Before anything else, /healthz included: a rebinding name learns nothing, not even that a hub is here.
  if (!parts.servesHost(req.headers.host)) {
    return json(res, 421, { code: 'misdirected', message: 'the Host header names an address this hub does not serve (see hostNames in the hub configuration)' });
  }
  if (method === 'POST' && rawPath === '/v1/notices') {
    const body = await readBody(req, MAX_NOTICE_BYTES).catch((error: unknown) => (error instanceof TooLarge ? null : Promise.reject(error)));
    if (body === null) {
      json(res, 413, { code: 'malformed', message: `a notice text is never larger than ${MAX_NOTICE_BYTES} bytes` });
      return;
    }
    const answer = await parts.notices.handle(req.headers, body);
    json(res, answer.status, answer.body);
    return;
  }
  if (method === 'POST' && rawPath === '/v1/ingest') {
    const body = await readBody(req, MAX_INGEST_BYTES).catch((error: unknown) => (error instanceof TooLarge ? null : Promise.reject(error)));
    if (body === null) {
      json(res, 413, { code: 'malformed', message: `a ledger line is never larger than ${MAX_INGEST_BYTES} bytes` });
      return;
    }
    const answer = await parts.ingest.handle(req.headers, body);
    json(res, answer.status, answer.body);
    return;
  }
  if (method !== 'GET' && method !== 'HEAD') {
    json(res, 405, { code: 'method', message: `${method} is not allowed here` });
    return;
  }
  if (rawPath === '/healthz') return json(res, 200, { status: 'ok' });
  if (isFleetPage(rawPath)) return serveFleetPage(parts.fleetPageDir, req, res, rawPath);
  const reads = ['/v1/fleet', '/v1/events', '/metrics'];
  if (!reads.includes(rawPath)) return json(res, 404, { code: 'not-found', message: `no ${rawPath} on the hub` });
  if (!bearerMatches(req.headers.authorization, parts.token)) {
    res.setHeader('www-authenticate', 'Bearer');
    return json(res, 401, { code: 'unauthorized', message: 'send Authorization: Bearer <hub token> (kokuchi hub token)' });
  }
  if (rawPath === '/v1/fleet') return json(res, 200, fleet(parts.ingest.chains.values()));
  if (rawPath === '/metrics') return send(res, 200, await parts.metrics.text(), parts.metrics.contentType);
  const answer = await events(parts.pool, new URL(req.url ?? '/', 'http://hub.invalid').searchParams, parts.ingest.chains);
  if (answer.ok) send(res, 200, answer.json);
  else json(res, 400, { code: 'bad-request', message: answer.problem });
}

export class HubServer {
  private readonly server: Server;

  constructor(parts: HubServerParts) {
    this.server = createServer((req, res) => {
      route(parts, req, res).catch(() => {
        // The database is down or the request broke mid-way: say so, keep serving others.
        json(res, 503, { code: 'unavailable', message: 'the hub could not answer; try again' });
      });
    });
    this.server.on('clientError', (_error, socket) => socket.destroy());
    this.server.keepAliveTimeout = 65_000;
  }

  listen(host: string, port: number): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        const address = this.server.address() as AddressInfo;
        const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        resolve(`http://${shown}:${address.port}/`);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
