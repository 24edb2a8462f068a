// The headless shell's kiosk page: the built renderer over HTTP plus the KioskApi
// bridge over WebSocket, on 127.0.0.1 only. The printed link is exchanged once for the
// screen's session cookie (screen-hold.ts); the bridge serves that browser's one screen.
// Never the staff link's port: nothing here is reachable from another machine.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { fileInsideFolder, sendPageFile, toKioskError, requestTarget, servedHostCheck, type KioskCore } from '../core/index.js';
import { KIOSK_PAGE_CSP } from '../shared/content-security-policy.js';
import {
  BRIDGE_PATH,
  KIOSK_LINK_PARAM,
  SCREEN_TAKEN_OVER,
  bridgeRequestSchema,
  type BridgeMessage,
} from '../shared/bridge-protocol.js';
import { toCallError } from '../shared/call-errors.js';
import { ScreenHold } from './screen-hold.js';

/** The same policy the Electron shell sets on its custom protocol. */
export const PAGE_CSP = KIOSK_PAGE_CSP;

export class PageServer {
  private readonly hold = new ScreenHold();
  private readonly servesHost = servedHostCheck('127.0.0.1');
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  /** The one socket that shows the screen; a newer one from the holding browser (a reload) replaces it. */
  private screen: WebSocket | null = null;

  private constructor(
    private readonly server: Server,
    private readonly rendererDir: string,
    private readonly core: KioskCore,
  ) {}

  static async listen(core: KioskCore, rendererDir: string, port: number): Promise<PageServer> {
    const server = createServer();
    const page = new PageServer(server, rendererDir, core);
    server.on('request', (req, res) =>
      page.answer(req, res).catch(() => {
        if (!res.headersSent) notFound(res);
        else res.destroy();
      }),
    );
    server.on('upgrade', (req, socket, head) => {
      if (!page.mayConnect(req)) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      page.wss.handleUpgrade(req, socket, head, (ws) => page.attach(ws));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return page;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/?${KIOSK_LINK_PARAM}=${this.hold.code}`;
  }

  async close(): Promise<void> {
    this.screen?.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Only the holding browser's own page: its cookie, its origin, a name this listener serves. */
  private mayConnect(req: IncomingMessage): boolean {
    if (!this.servesHost(req.headers.host)) return false;
    if (requestTarget(req.url)?.pathname !== BRIDGE_PATH) return false;
    if (req.headers.origin !== `http://${req.headers.host}`) return false;
    return this.hold.isHolder(req.headers.cookie);
  }

  private attach(ws: WebSocket): void {
    const previous = this.screen;
    this.screen = ws;
    previous?.close(SCREEN_TAKEN_OVER, 'the screen was opened again in this browser');
    this.core.setScreenConnected(true);
    const send = (message: BridgeMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const unsubscribe = this.core.onView((view) => send({ type: 'view', view }));
    // A page that reconnects after a drop must not sit on a stale screen until the next change.
    void this.core.call('getView', {}).then((view) => send({ type: 'view', view }), () => undefined);
    ws.on('message', async (data) => {
      if (this.screen !== ws) return; // replaced while closing: it may no longer press anything
      let request;
      try {
        request = bridgeRequestSchema.parse(JSON.parse(data.toString()));
      } catch {
        send({ type: 'error', id: null, error: { code: 'bad-request', message: 'not a bridge request' } });
        return;
      }
      try {
        send({ type: 'result', id: request.id, result: await this.core.call(request.call, request.input) });
      } catch (error) {
        // As over IPC: an unexpected failure's text stays in this shell's log.
        const callError = toCallError(error, (hidden) => process.stderr.write(`kokuchi: kiosk call failed: ${toKioskError(hidden).message}\n`));
        send({ type: 'error', id: request.id, error: callError });
      }
    });
    ws.on('close', () => {
      unsubscribe();
      if (this.screen !== ws) return;
      this.screen = null;
      this.core.setScreenConnected(false);
    });
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!this.servesHost(req.headers.host)) return refuse(res, 421, 'this kiosk page answers only to 127.0.0.1');
    const url = requestTarget(req.url);
    if (url === null) return notFound(res);
    // The path as sent, not as the URL parser normalised it: a `..` in it is refused, never resolved.
    if (!url.searchParams.has(KIOSK_LINK_PARAM)) return this.serveFile(req, res, (req.url ?? '/').split(/[?#]/)[0] ?? '/');
    // The link: exchanged once for the cookie, then to a clean URL, so history holds no code.
    if (this.hold.isHolder(req.headers.cookie)) return seeOther(res, null);
    const session = this.hold.exchange(url.searchParams.get(KIOSK_LINK_PARAM));
    if (session === null) return refuse(res, 403, 'this kiosk link was already used: only the browser that opened it first shows the kiosk screen');
    return seeOther(res, this.hold.cookie(session));
  }

  private async serveFile(req: IncomingMessage, res: ServerResponse, rawPath: string): Promise<void> {
    const file = fileInsideFolder(this.rendererDir, rawPath);
    if (file === null) return notFound(res);
    const headers = { 'content-security-policy': PAGE_CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
    if (!(await sendPageFile(req, res, file, headers))) notFound(res);
  }
}

function seeOther(res: ServerResponse, cookie: string | null): void {
  res.writeHead(303, {
    location: '/',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    ...(cookie !== null && { 'set-cookie': cookie }),
  });
  res.end();
}

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('not found');
}
