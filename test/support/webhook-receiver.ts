// A webhook endpoint on 127.0.0.1 that checks every delivery with the independent
// `standardwebhooks` package, and can be told to fail, hang, or go down and come back.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { waitFor } from './wait-for.js';

export interface Delivery {
  /** The request path, e.g. `/v1/ingest`. */
  path: string;
  id: string;
  seq: number;
  body: string;
  /** Whether the signature, id and timestamp passed `standardwebhooks` verification. */
  valid: boolean;
  contentType: string | undefined;
  authorization: string | undefined;
  /** What the receiver answered: a status, or `held` for a request it never answered. */
  answer: number | 'held';
}

/** `refuse`: answer `refusal` (a hub's 4xx with its `{"code","message"}` body). */
export type ReceiverMode = 'ok' | 'fail' | 'hang' | 'refuse';

export const TEST_SECRET = `whsec_${Buffer.from('kokuchi test webhook secret, 32b').toString('base64')}`;

export class WebhookReceiver {
  mode: ReceiverMode = 'ok';
  /** For `/v1/notices` only, when set (a hub that takes records but not notice texts); else `mode`. */
  noticeMode: ReceiverMode | null = null;
  refusal: { status: number; body: string } = { status: 401, body: '{"code":"bad-signature","message":"the signature does not match"}' };
  readonly arrivals: Delivery[] = [];
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly held = new Set<ServerResponse>();
  private readonly verifier: Webhook;

  private constructor(
    secret: string,
    private port: number,
  ) {
    this.verifier = new Webhook(secret);
  }

  static async listen(secret = TEST_SECRET, port = 0): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(secret, port);
    await receiver.up();
    return receiver;
  }

  /** The endpoint URL (stable across down/up). */
  url(suffix = 'hooks/kokuchi'): string {
    return `http://127.0.0.1:${this.port}/${suffix}`;
  }

  /** Deliveries answered 2xx, in arrival order. */
  accepted(): Delivery[] {
    return this.arrivals.filter((delivery) => delivery.answer === 204);
  }

  async up(): Promise<void> {
    if (this.server) return;
    const server = createServer((req, res) => void this.receive(req, res));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening and cuts every connection: the kiosk sees connection refused. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    this.held.clear();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async waitFor(done: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
    try {
      await waitFor(done, what, { timeoutMs, intervalMs: 25 });
    } catch (error) {
      const seen = this.arrivals.map((d) => `${d.seq}:${d.answer}`).join(' ');
      throw new Error(`${(error as Error).message}; arrivals: ${seen}`);
    }
  }

  private async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
    // A ledger event, or (to a hub's /v1/notices) a notice text named by its webhook-id.
    const notice = req.url?.endsWith('/v1/notices') === true;
    let valid = true;
    try {
      if (notice) {
        // verify() also parses the body as JSON, which a notice text is not: the same check by hand.
        const timestamp = Number(headers['webhook-timestamp']);
        const expected = this.verifier.sign(headers['webhook-id'] ?? '', new Date(timestamp * 1000), body);
        valid = Math.abs(Date.now() / 1000 - timestamp) < 300 && (headers['webhook-signature'] ?? '').split(' ').includes(expected);
      } else {
        this.verifier.verify(body, headers);
      }
    } catch {
      valid = false;
    }
    const parsed = notice ? { id: headers['webhook-id'] ?? '', seq: 0 } : (JSON.parse(body) as { id: string; seq: number });
    valid &&= headers['webhook-id'] === parsed.id;
    const delivery: Delivery = {
      path: req.url ?? '',
      id: parsed.id,
      seq: parsed.seq,
      body,
      valid,
      contentType: headers['content-type'],
      authorization: headers.authorization,
      answer: 'held',
    };
    this.arrivals.push(delivery);
    const mode = (delivery.path.endsWith('/v1/notices') ? this.noticeMode : null) ?? this.mode;
    if (mode === 'hang') {
      this.held.add(res);
      return;
    }
    if (mode === 'refuse') {
      delivery.answer = this.refusal.status;
      res.writeHead(delivery.answer, { 'content-type': 'application/json' }).end(this.refusal.body);
      return;
    }
    delivery.answer = mode === 'ok' ? 204 : 500;
    res.writeHead(delivery.answer).end();
  }
}
