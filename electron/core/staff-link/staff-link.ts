// The staff link listener: HTTP and WebSocket on one port (staff-link.md). Separate
// from the kiosk page's own listener; every body and frame is schema-checked.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { z } from 'zod';
import {
  MAX_FRAME_BYTES,
  STAFF_SOCKET_PATH,
  endBody,
  overrideBody,
  pauseBody,
  resumeBody,
  sessionStartBody,
  type ErrorCode,
} from '../../shared/staff-protocol.js';
import { KioskError, toKioskError } from '../session/kiosk-error.js';
import { FailureLimiter, bearerToken, tokenMatches } from './access-guard.js';
import { isConsoleRequest, serveConsole } from './console-files.js';
import type { StaffLinkCore } from './staff-link-core.js';
import { decodedSegment, requestTarget } from './request-target.js';
import { servedHostCheck } from './served-host.js';
import { readTlsFiles } from './tls-files.js';
import { CLOSE_RATE_LIMITED, CLOSE_UNAUTHORIZED } from '../../shared/close-codes.js';
import { StaffSocket, eventFrameOfLine } from './staff-socket.js';

export interface StaffLinkOptions {
  host: string;
  port: number;
  tls?: { cert: string; key: string } | undefined;
  core: StaffLinkCore;
  /** The contract's 5 s for `hello`; shorter only in tests. */
  helloTimeoutMs?: number | undefined;
  /** The built renderer (dist/renderer), whose staff/ page and assets/ are served at `/staff/`. */
  consoleDir?: string | undefined;
}

const STATUS: Record<ErrorCode | 'internal', number> = {
  'bad-request': 400,
  unauthorized: 401,
  'not-found': 404,
  conflict: 409,
  'invalid-state': 409,
  'too-large': 413,
  'rate-limited': 429,
  internal: 500,
};

const MISDIRECTED = { code: 'bad-request', message: 'the Host header names an address this kiosk does not serve' };

export class StaffLink {
  private readonly sockets = new Set<StaffSocket>();
  /** The TCP (or TLS) stream under each staff socket, corked while one ledger batch is handed out. */
  private readonly streams = new Set<Duplex>();
  private corked: Duplex[] | null = null;
  private readonly limiter = new FailureLimiter();
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  private server: Server | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly servesHost: (header: string | undefined) => boolean;

  private constructor(private readonly options: StaffLinkOptions) {
    this.servesHost = servedHostCheck(options.host);
  }

  static async listen(options: StaffLinkOptions): Promise<StaffLink> {
    const link = new StaffLink(options);
    await link.start();
    return link;
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    const host = this.options.host.includes(':') ? `[${this.options.host}]` : this.options.host;
    return `${this.options.tls ? 'https' : 'http'}://${host}:${address?.port ?? this.options.port}/`;
  }

  get connectedClients(): number {
    return [...this.sockets].filter((socket) => socket.isAuthenticated).length;
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async start(): Promise<void> {
    const { tls } = this.options;
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.route(req, res).catch(() => res.destroy());
    const server = tls
      ? createHttpsServer(await readTlsFiles(tls), handler)
      : createHttpServer(handler);
    server.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const stopEvents = this.options.core.onEvent((record, batchEnds, line) => {
      // One JSON text for every client, made only if one of them sends it now, around the ledger's own line.
      let text: string | undefined;
      const frame = () => (text ??= eventFrameOfLine(line));
      this.holdWrites();
      for (const socket of this.sockets) socket.deliver(record, frame);
      if (batchEnds) this.releaseWrites();
    });
    const stopRotation = this.options.core.onTokenRotated?.(() => {
      for (const socket of this.sockets) socket.closeUnlessAuthenticatedWith(this.options.core.token());
    });
    this.unsubscribe = () => {
      stopEvents();
      stopRotation?.();
    };
  }

  /**
   * The ledger hands out the records of one batch (an acknowledgement and its logging.start)
   * one after another in one synchronous run: their frames leave together, in one write per
   * client, when it ends, so a client never waits for a second packet to see the signal.
   */
  private holdWrites(): void {
    if (this.corked !== null) return;
    const corked = [...this.streams];
    this.corked = corked;
    for (const stream of corked) stream.cork();
    // Should the batch's end not be told (a listener before this one threw), the writes go anyway.
    queueMicrotask(() => {
      if (this.corked === corked) this.releaseWrites();
    });
  }

  /**
   * At the batch's end, at once: not a microtask later, behind what other listeners of the
   * ledger set going (a webhook's or the hub's delivery, woken by the same records).
   */
  private releaseWrites(): void {
    const corked = this.corked;
    this.corked = null;
    for (const stream of corked ?? []) stream.uncork();
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (!this.servesHost(req.headers.host)) return refuseUpgrade(socket, 421, 'Misdirected Request');
    const path = requestTarget(req.url)?.pathname;
    if (path !== STAFF_SOCKET_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    if (!sameOrigin(req)) return refuseUpgrade(socket, 403, 'Forbidden');
    const address = req.socket.remoteAddress ?? 'unknown';
    const header = bearerToken(req.headers.authorization);
    this.wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      if (header !== null) {
        const verdict = this.checkToken(address, header);
        if (verdict !== 'ok') {
          ws.close(verdict === 'rate-limited' ? CLOSE_RATE_LIMITED : CLOSE_UNAUTHORIZED, verdict);
          return;
        }
      } else if (this.limiter.isBlocked(address)) {
        ws.close(CLOSE_RATE_LIMITED, 'rate-limited');
        return;
      }
      const staffSocket = new StaffSocket(ws, this.options.core, {
        headerToken: header,
        helloTimeoutMs: this.options.helloTimeoutMs,
        check: (token) => this.checkToken(address, token),
      });
      this.sockets.add(staffSocket);
      this.streams.add(socket);
      ws.on('close', () => {
        this.sockets.delete(staffSocket);
        this.streams.delete(socket);
      });
      ws.on('error', () => ws.terminate());
    });
  }

  private checkToken(address: string, token: string | undefined | null): 'ok' | 'wrong' | 'rate-limited' {
    if (this.limiter.isBlocked(address)) return 'rate-limited';
    if (tokenMatches(this.options.core.token(), token)) {
      this.limiter.succeed(address);
      return 'ok';
    }
    this.limiter.fail(address);
    return 'wrong';
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Before anything else, /healthz included: a rebinding name learns nothing, not even that a kiosk is here.
    if (!this.servesHost(req.headers.host)) return sendJson(res, 421, MISDIRECTED);
    try {
      const url = requestTarget(req.url);
      if (url === null) throw new KioskError('bad-request', 'the request target must be a path');
      const method = req.method ?? 'GET';
      if (method === 'GET' && url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
      if (isConsoleRequest(method, url.pathname)) return await serveConsole(this.options.consoleDir, req, res, url.pathname);
      const verdict = this.checkToken(req.socket.remoteAddress ?? 'unknown', bearerToken(req.headers.authorization));
      if (verdict === 'rate-limited') throw new KioskError('rate-limited', 'too many failed attempts; wait and retry');
      if (verdict === 'wrong') throw new KioskError('unauthorized', 'missing or wrong token');
      await this.authorizedRoute(method, url, req, res);
    } catch (error) {
      const { code, message } = toKioskError(error);
      sendJson(res, STATUS[code], { code, message });
    }
  }

  private async authorizedRoute(method: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const core = this.options.core;
    if (method === 'GET' && url.pathname === '/v1/status') {
      return sendJson(res, 200, { ...core.status(), staffClients: this.connectedClients });
    }
    if (method === 'GET' && url.pathname === '/metrics') {
      const { contentType, text } = await core.metrics();
      res.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
      return void res.end(text);
    }
    if (method === 'GET' && url.pathname === '/v1/events') {
      const after = nonNegativeInt(url.searchParams.get('after'), 0, 'after');
      const limit = Math.min(nonNegativeInt(url.searchParams.get('limit'), 100, 'limit'), 1000);
      const events = limit === 0 ? [] : await core.readAfter(after, limit);
      return sendJson(res, 200, { events, lastSeq: core.lastSeq() });
    }
    if (method === 'POST' && url.pathname === '/v1/sessions') {
      const body = await readBody(req, sessionStartBody);
      return sendJson(res, 201, { sessionId: await core.startSession(body) });
    }
    const action = url.pathname.match(/^\/v1\/sessions\/([^/]{1,64})\/(override|end|pause|resume)$/);
    if (method === 'POST' && action) {
      const sessionId = decodedSegment(action[1] ?? '');
      switch (action[2]) {
        case 'override':
          await core.override(sessionId, (await readBody(req, overrideBody)).reason);
          break;
        case 'pause':
          await core.pause(sessionId, (await readBody(req, pauseBody)).reason);
          break;
        case 'resume':
          await readBody(req, resumeBody);
          await core.resume(sessionId);
          break;
        default:
          await core.end(sessionId, (await readBody(req, endBody)).reason);
      }
      return sendJson(res, 200, { ok: true });
    }
    throw new KioskError('not-found', `no ${method} ${url.pathname}`);
  }
}

function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true; // not a browser: the token decides
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function nonNegativeInt(value: string | null, fallback: number, name: string): number {
  if (value === null) return fallback;
  if (!/^\d{1,15}$/.test(value)) throw new KioskError('bad-request', `${name} must be a non-negative integer`);
  return Number(value);
}

async function readBody<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FRAME_BYTES) throw new KioskError('too-large', `body is larger than ${MAX_FRAME_BYTES} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let raw: unknown;
  try {
    raw = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    throw new KioskError('bad-request', `body is not JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new KioskError('bad-request', `${where}${issue?.message ?? 'invalid body'}`);
  }
  return parsed.data;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}
