// One staff app's WebSocket: authentication (header or `hello`), commands, and the
// event stream with replay from `since`, so a client that drops misses nothing.
import type { WebSocket } from 'ws';
import type { LedgerRecord } from '../../shared/events.js';
import {
  STAFF_PROTOCOL,
  clientFrameSchema,
  type ClientFrame,
  type ErrorCode,
  type KioskFrame,
  type RequestId,
} from '../../shared/staff-protocol.js';
import { toKioskError } from '../session/kiosk-error.js';
import { CLOSE_INTERNAL_ERROR, CLOSE_RATE_LIMITED, CLOSE_UNAUTHORIZED } from '../../shared/close-codes.js';
import { tokenMatches } from './access-guard.js';
import type { StaffLinkCore } from './staff-link-core.js';

export const HELLO_TIMEOUT_MS = 5000;
const REPLAY_BATCH = 500;

export interface SocketAuth {
  /** The upgrade's bearer token, already checked; null when the client must send `hello`. */
  headerToken: string | null;
  check(token: string | undefined): 'ok' | 'wrong' | 'rate-limited';
  /** How long a client without a header token has to send `hello` (the contract's 5 s; shorter in tests). */
  helloTimeoutMs?: number | undefined;
}

export class StaffSocket {
  private authed = false;
  /** Kept so that a rotation closes exactly the sockets that came in with the old token. */
  private authToken: string | null = null;
  private streaming = false;
  private replaying = false;
  private lastSent = 0;
  private buffered: LedgerRecord[] = [];
  private readonly helloTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ws: WebSocket,
    private readonly core: StaffLinkCore,
    private readonly auth: SocketAuth,
  ) {
    ws.on('message', (data, isBinary) => {
      // Whatever goes wrong with one frame (a damaged ledger during a replay) ends this
      // socket, never the kiosk.
      this.receive(data.toString(), isBinary).catch((error: unknown) => {
        this.sendError(null, 'invalid-state', toKioskError(error).message);
        this.ws.close(CLOSE_INTERNAL_ERROR, 'internal error');
      });
    });
    if (auth.headerToken !== null) {
      this.authed = true;
      this.authToken = auth.headerToken;
      this.sendWelcome();
      this.startStream(undefined);
    } else {
      this.helloTimer = setTimeout(
        () => this.ws.close(CLOSE_UNAUTHORIZED, 'no hello with a token within 5 s'),
        auth.helloTimeoutMs ?? HELLO_TIMEOUT_MS,
      );
      this.helloTimer.unref();
    }
    ws.on('close', () => {
      if (this.helloTimer) clearTimeout(this.helloTimer);
    });
  }

  get isAuthenticated(): boolean {
    return this.authed;
  }

  /** After a token rotation: a socket that authenticated with another token is closed (4401). */
  closeUnlessAuthenticatedWith(token: string): void {
    if (!this.authed || tokenMatches(token, this.authToken)) return;
    // Frames still arriving during the close handshake must not run as authenticated commands.
    this.authed = false;
    this.streaming = false;
    this.ws.close(CLOSE_UNAUTHORIZED, 'the pairing token was replaced');
  }

  /** A new durable ledger event: sent now, or after the replay in progress; `frame` is its `event` frame's text. */
  deliver(record: LedgerRecord, frame: () => string = () => eventFrameText(record)): void {
    if (!this.streaming) return;
    if (this.replaying) this.buffered.push(record);
    else if (record.seq > this.lastSent) this.sendEvent(record, frame);
  }

  private async receive(text: string, isBinary: boolean): Promise<void> {
    const frame = this.parse(text, isBinary);
    if (!this.authed) {
      if (frame?.type !== 'hello') {
        this.ws.close(CLOSE_UNAUTHORIZED, 'unauthorized');
        return;
      }
      const verdict = this.auth.check(frame.token);
      if (verdict !== 'ok') {
        this.ws.close(verdict === 'rate-limited' ? CLOSE_RATE_LIMITED : CLOSE_UNAUTHORIZED, verdict === 'rate-limited' ? 'rate-limited' : 'unauthorized');
        return;
      }
      if (this.helloTimer) clearTimeout(this.helloTimer);
      this.authed = true;
      this.authToken = frame.token ?? null;
      this.sendWelcome();
      await this.startStream(frame.since);
      return;
    }
    if (!frame) return;
    try {
      await this.run(frame);
    } catch (error) {
      const kioskError = toKioskError(error);
      const code: ErrorCode = kioskError.code === 'internal' ? 'invalid-state' : kioskError.code;
      this.sendError('id' in frame ? frame.id : null, code, kioskError.message);
    }
  }

  private parse(text: string, isBinary: boolean): ClientFrame | null {
    let raw: unknown;
    try {
      if (isBinary) throw new Error('binary frames are not accepted; send JSON text');
      raw = JSON.parse(text);
    } catch (error) {
      if (this.authed) this.sendError(null, 'bad-request', `frame is not JSON text: ${(error as Error).message}`);
      return null;
    }
    const parsed = clientFrameSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    if (this.authed) {
      const id = idOf(raw);
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      this.sendError(id, 'bad-request', `${where}${issue?.message ?? 'invalid frame'}`);
    }
    return null;
  }

  private async run(frame: ClientFrame): Promise<void> {
    switch (frame.type) {
      case 'hello':
        // A token in a later hello is checked too: a wrong one must not ride on the first.
        if (frame.token !== undefined && this.auth.check(frame.token) !== 'ok') {
          this.ws.close(CLOSE_UNAUTHORIZED, 'unauthorized');
          return;
        }
        this.sendWelcome();
        await this.startStream(frame.since);
        return;
      case 'ping':
        this.sendResult(frame.id, {});
        return;
      case 'session.start': {
        const { type: _type, id, ...body } = frame;
        const sessionId = await this.core.startSession(body);
        this.sendResult(id, { sessionId });
        return;
      }
      case 'session.override':
        await this.core.override(frame.sessionId, frame.reason);
        this.sendResult(frame.id, {});
        return;
      case 'session.end':
        await this.core.end(frame.sessionId, frame.reason);
        this.sendResult(frame.id, {});
        return;
      case 'session.pause':
        await this.core.pause(frame.sessionId, frame.reason);
        this.sendResult(frame.id, {});
        return;
      case 'session.resume':
        await this.core.resume(frame.sessionId);
        this.sendResult(frame.id, {});
        return;
    }
  }

  /** Replays every event after `since`, then goes live; without `since`, live only. */
  private async startStream(since: number | undefined): Promise<void> {
    this.streaming = true;
    if (since === undefined) {
      this.lastSent = Math.max(this.lastSent, this.core.lastSeq());
      return;
    }
    this.replaying = true;
    this.lastSent = since;
    try {
      for (;;) {
        const batch = await this.core.readAfter(this.lastSent, REPLAY_BATCH);
        if (batch.length === 0) break;
        for (const record of batch) this.sendEvent(record);
      }
    } finally {
      this.replaying = false;
      const held = this.buffered;
      this.buffered = [];
      for (const record of held) if (record.seq > this.lastSent) this.sendEvent(record);
    }
  }

  private sendWelcome(): void {
    const { screen, activeSession } = this.core.welcome();
    this.send({
      type: 'welcome',
      protocol: STAFF_PROTOCOL,
      kioskId: this.core.kioskId,
      counterId: this.core.counterId,
      lastSeq: this.core.lastSeq(),
      screen,
      activeSession,
    });
  }

  private sendEvent(record: LedgerRecord, frame: () => string = () => eventFrameText(record)): void {
    this.lastSent = record.seq;
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(frame());
  }

  private sendResult(id: RequestId, fields: Record<string, unknown>): void {
    this.send({ type: 'result', id, ok: true, ...fields });
  }

  private sendError(id: RequestId | null, code: ErrorCode, message: string): void {
    this.send({ type: 'error', id, code, message });
  }

  private send(frame: KioskFrame): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(frame));
  }
}

/** The `event` frame of one record, as every client gets it. */
export function eventFrameText(record: LedgerRecord): string {
  const frame: KioskFrame = { type: 'event', event: record };
  return JSON.stringify(frame);
}

/**
 * The same text around the record's ledger line, which is `JSON.stringify(record)` already:
 * no second serialisation on the tap-to-signal path.
 */
export function eventFrameOfLine(line: string): string {
  return `{"type":"event","event":${line}}`;
}

function idOf(raw: unknown): RequestId | null {
  if (typeof raw !== 'object' || raw === null || !('id' in raw)) return null;
  const id = (raw as { id: unknown }).id;
  return (typeof id === 'string' && id.length <= 128) || typeof id === 'number' ? id : null;
}
