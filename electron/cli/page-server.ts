// The headless shell's kiosk page: the built renderer over HTTP plus the KioskApi
// bridge over WebSocket, on 127.0.0.1 only, behind a per-launch secret. Never the
// staff link's port: nothing here is reachable from another machine.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { fileInsideFolder } from '../core/page-files/file-inside-folder.js';
import { contentTypeOf } from '../shared/content-types.js';
import { KIOSK_PAGE_CSP } from '../shared/content-security-policy.js';
import { BRIDGE_PATH, bridgeRequestSchema, type BridgeMessage } from '../shared/bridge-protocol.js';
import { KIOSK_CALL_ERROR_CODES } from '../shared/call-errors.js';
import type { KioskCallError } from '../shared/kiosk-api.js';
import type { KioskCore } from '../core/kiosk-core.js';
import { toKioskError } from '../core/session/kiosk-error.js';
import { tokenMatches } from '../core/staff-link/access-guard.js';
import { requestTarget } from '../core/staff-link/request-target.js';


/** The same policy the Electron shell sets on its custom protocol. */
export const PAGE_CSP = KIOSK_PAGE_CSP;

export class PageServer {
  readonly secret = randomBytes(24).toString('base64url');
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly pages = new Set<WebSocket>();

  private constructor(
    private readonly server: Server,
    private readonly rendererDir: string,
    private readonly core: KioskCore,
  ) {}

  static async listen(core: KioskCore, rendererDir: string, port: number): Promise<PageServer> {
    const server = createServer();
    const page = new PageServer(server, rendererDir, core);
    server.on('request', (req, res) =>
      page.serveFile(req, res).catch(() => {
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
    return `http://127.0.0.1:${port}/?secret=${this.secret}`;
  }

  async close(): Promise<void> {
    for (const ws of this.pages) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private mayConnect(req: IncomingMessage): boolean {
    const url = requestTarget(req.url);
    if (url?.pathname !== BRIDGE_PATH) return false;
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host}`) return false;
    return tokenMatches(this.secret, url.searchParams.get('secret'));
  }

  private attach(ws: WebSocket): void {
    this.pages.add(ws);
    this.core.setScreenConnected(true);
    const send = (message: BridgeMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const unsubscribe = this.core.onView((view) => send({ type: 'view', view }));
    // A page that reconnects after a drop must not sit on a stale screen until the next change.
    void this.core.call('getView', {}).then((view) => send({ type: 'view', view }), () => undefined);
    ws.on('message', async (data) => {
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
        const { code, message } = toKioskError(error);
        const known = (KIOSK_CALL_ERROR_CODES as readonly string[]).includes(code);
        send({ type: 'error', id: request.id, error: { code: known ? (code as KioskCallError['code']) : 'internal', message } });
      }
    });
    ws.on('close', () => {
      unsubscribe();
      this.pages.delete(ws);
      if (this.pages.size === 0) this.core.setScreenConnected(false);
    });
  }

  private async serveFile(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawPath = (req.url ?? '/').split(/[?#]/)[0] ?? '/';
    const file = fileInsideFolder(this.rendererDir, rawPath);
    if (file === null) return notFound(res);
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': contentTypeOf(file),
        'content-security-policy': PAGE_CSP,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      notFound(res);
    }
  }
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('not found');
}
