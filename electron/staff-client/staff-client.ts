// A staff app's connection to one kiosk: authenticates with `hello`, keeps the last
// processed `seq`, reconnects with backoff and resumes from that seq, so every ledger
// event reaches the app once and in order. Runs in browsers and in Node ≥ 20.
import { CLOSE_NORMAL, CLOSE_RATE_LIMITED, CLOSE_UNAUTHORIZED } from '../shared/close-codes.js';
import type { LedgerEvent, RecordingMode } from '../shared/events.js';
import type { ClientFrame } from '../shared/staff-protocol.js';
import { readKioskFrame, type Welcome } from './kiosk-frame.js';
import { memorySeqStore, type SeqStore } from './seq-store.js';
import { StaffClientError } from './staff-client-error.js';
import { SOCKET_OPEN, globalWebSocket, staffSocketUrl, type WebSocketConstructor, type WebSocketLike } from './web-socket-like.js';

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface StaffClientOptions {
  /** Required where there is no global WebSocket (Node 20): `import { WebSocket } from 'ws'`. */
  WebSocket?: WebSocketConstructor;
  /** Where the last processed seq is kept; default: in memory, for this client's life. */
  store?: SeqStore;
  /** With nothing in the store: `'live'` (default) for new events only, or a seq to replay after (0: the whole ledger). */
  from?: 'live' | number;
  /** Sent in `hello`, for the kiosk's diagnostics. */
  client?: { name: string; version: string };
  /** Reconnect delays: the first, doubled up to the largest (defaults 250 ms and 10 s). */
  backoff?: { firstMs?: number; maxMs?: number };
  /** How long a command waits for its answer (default 15 s). */
  commandTimeoutMs?: number;
}

export interface StaffClientEvents {
  /** One ledger event, exactly once, in seq order. */
  event: (event: LedgerEvent) => void;
  state: (state: ConnectionState, error: StaffClientError | null) => void;
  /** The kiosk's greeting, after every (re)connection. */
  welcome: (welcome: Welcome) => void;
  /** Something went wrong that the client carried on through (a frame it could not read, a listener that threw). */
  problem: (problem: StaffClientError) => void;
}

export interface StartSessionInput {
  /** The staff member's business name shown on the notice, at most 40 characters. */
  staffName?: string;
  /** A language hint (a locale code); a language the resident tapped wins. */
  language?: string;
  recording?: RecordingMode;
}

interface Pending {
  resolve: (result: Record<string, unknown>) => void;
  reject: (error: StaffClientError) => void;
  timer: ReturnType<typeof setTimeout>;
}

type Command = ClientFrame extends infer F ? (F extends { id: unknown } ? Omit<F, 'id'> : never) : never;


export class StaffClient {
  private readonly WebSocketImpl: WebSocketConstructor | undefined;
  private readonly store: SeqStore;
  private readonly listeners: { [K in keyof StaffClientEvents]: Set<StaffClientEvents[K]> } = {
    event: new Set(),
    state: new Set(),
    welcome: new Set(),
    problem: new Set(),
  };
  private readonly pending = new Map<string, Pending>();
  private currentState: ConnectionState = 'idle';
  private seq: number | null = null;
  private socket: WebSocketLike | null = null;
  private socketUrl = '';
  private token = '';
  private everOpened = false;
  private retryMs: number;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private nextId = 1;
  private saving: Promise<void> = Promise.resolve();
  private firstWelcome: { resolve: (welcome: Welcome) => void; reject: (error: StaffClientError) => void } | null = null;

  constructor(private readonly options: StaffClientOptions = {}) {
    this.WebSocketImpl = options.WebSocket ?? globalWebSocket();
    this.store = options.store ?? memorySeqStore();
    this.retryMs = this.firstRetryMs;
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  /** The seq of the last event handed to the listeners (null before the first welcome). */
  get lastSeq(): number | null {
    return this.seq;
  }

  on<K extends keyof StaffClientEvents>(name: K, listener: StaffClientEvents[K]): () => void {
    this.listeners[name].add(listener);
    return () => this.listeners[name].delete(listener);
  }

  /**
   * Connects to the staff link (`http://host:port/` as the kiosk prints it, or the
   * `ws://…/v1/staff` URL) and resolves on the kiosk's welcome. While the kiosk cannot
   * be reached it keeps trying; it rejects only on a refused token, a protocol it does
   * not speak, or `close()`.
   */
  async connect(url: string, token: string): Promise<Welcome> {
    if (this.currentState !== 'idle' && this.currentState !== 'closed') {
      throw new StaffClientError('invalid-state', 'this client is already connected or connecting');
    }
    if (!this.WebSocketImpl) {
      throw new StaffClientError('no-websocket', 'this runtime has no global WebSocket: pass { WebSocket } from the ws package');
    }
    this.socketUrl = staffSocketUrl(url);
    this.token = token;
    this.everOpened = false;
    this.retryMs = this.firstRetryMs;
    const stored = await this.store.load();
    const from = this.options.from ?? 'live';
    this.seq = stored ?? (from === 'live' ? null : from);
    const welcomed = new Promise<Welcome>((resolve, reject) => {
      this.firstWelcome = { resolve, reject };
    });
    this.setState('connecting', null);
    this.open();
    return welcomed;
  }

  /** Stops for good (until the next `connect`); commands still waiting reject with `closed`. */
  close(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close(CLOSE_NORMAL, 'client closed');
    this.stop(new StaffClientError('closed', 'the client was closed'));
  }

  startSession(input: StartSessionInput = {}): Promise<{ sessionId: string }> {
    return this.command({ type: 'session.start', ...input }).then((result) => {
      if (typeof result.sessionId !== 'string') throw new StaffClientError('bad-frame', 'the kiosk answered session.start without a sessionId');
      return { sessionId: result.sessionId };
    });
  }

  /** Starts logging after the staff member explained, recorded with the reason (at most `STAFF_TEXT_MAX.overrideReason` characters). */
  async override(sessionId: string, reason: string): Promise<void> {
    await this.command({ type: 'session.override', sessionId, reason });
  }

  async end(sessionId: string, reason?: string): Promise<void> {
    await this.command({ type: 'session.end', sessionId, ...(reason !== undefined && { reason }) });
  }

  /** Stops the recording for a while (`logging.paused`); `invalid-state` unless logging. The reason is optional, at most `STAFF_TEXT_MAX.pauseReason` characters. */
  async pause(sessionId: string, reason?: string): Promise<void> {
    await this.command({ type: 'session.pause', sessionId, ...(reason !== undefined && { reason }) });
  }

  /** Records again after a pause (`logging.resumed`); `invalid-state` unless paused. */
  async resume(sessionId: string): Promise<void> {
    await this.command({ type: 'session.resume', sessionId });
  }

  async ping(): Promise<void> {
    await this.command({ type: 'ping' });
  }

  private get firstRetryMs(): number {
    return this.options.backoff?.firstMs ?? 250;
  }

  private open(): void {
    const Impl = this.WebSocketImpl as WebSocketConstructor;
    const ws = new Impl(this.socketUrl);
    this.socket = ws;
    ws.onopen = () => {
      if (ws !== this.socket) return;
      this.sendHello(ws, this.seq);
    };
    ws.onmessage = (event: { data: unknown }) => {
      if (ws === this.socket) this.receive(ws, event.data);
    };
    // Every failure also ends in `close`, which decides what to do.
    ws.onerror = () => undefined;
    ws.onclose = (event: { code: number }) => {
      if (ws === this.socket) this.dropped(event.code);
    };
  }

  private sendHello(ws: WebSocketLike, since: number | null): void {
    const hello: ClientFrame = {
      type: 'hello',
      token: this.token,
      ...(since !== null && { since }),
      ...(this.options.client && { client: this.options.client }),
    };
    ws.send(JSON.stringify(hello));
  }

  private receive(ws: WebSocketLike, data: unknown): void {
    const frame = readKioskFrame(data);
    switch (frame.kind) {
      case 'welcome':
        return this.welcomed(ws, frame.welcome);
      case 'event':
        if (this.seq !== null && frame.event.seq <= this.seq) return; // a duplicate: already handed over
        for (const listener of this.listeners.event) this.call(listener, frame.event);
        return this.processed(frame.event.seq);
      case 'unreadable-event':
        if (this.seq !== null && frame.seq <= this.seq) return;
        this.report(new StaffClientError('unknown-event', `skipped event ${frame.seq} (${frame.type}): ${frame.message}`));
        return this.processed(frame.seq);
      case 'result':
      case 'error': {
        const waiting = frame.id === null ? undefined : this.pending.get(String(frame.id));
        if (!waiting) {
          if (frame.kind === 'error') this.report(new StaffClientError(frame.code, `the kiosk reported: ${frame.message}`));
          return;
        }
        this.pending.delete(String(frame.id));
        clearTimeout(waiting.timer);
        if (frame.kind === 'result') waiting.resolve(frame.result);
        else waiting.reject(new StaffClientError(frame.code, frame.message));
        return;
      }
      case 'other-protocol':
        return this.fail(new StaffClientError('unsupported-protocol', `the kiosk speaks staff link protocol ${String(frame.protocol)}; this client speaks 1`));
      case 'bad':
        return this.report(new StaffClientError('bad-frame', frame.message));
    }
  }

  private welcomed(ws: WebSocketLike, welcome: Welcome): void {
    if (this.seq === null) {
      this.processed(welcome.lastSeq); // live only: everything before the welcome counts as seen
    } else if (welcome.lastSeq < this.seq) {
      // The kiosk has fewer events than we processed: another kiosk, or its ledger was replaced.
      this.report(
        new StaffClientError('ledger-behind', `the kiosk's last seq is ${welcome.lastSeq}, below the ${this.seq} already processed: following from ${welcome.lastSeq}`),
      );
      this.processed(welcome.lastSeq);
      this.sendHello(ws, welcome.lastSeq);
      return;
    }
    this.everOpened = true;
    this.retryMs = this.firstRetryMs;
    this.setState('open', null);
    for (const listener of this.listeners.welcome) this.call(listener, welcome);
    const first = this.firstWelcome;
    this.firstWelcome = null;
    first?.resolve(welcome);
  }

  private processed(seq: number): void {
    this.seq = seq;
    this.saving = this.saving
      .then(() => this.store.save(seq))
      .catch((error: unknown) => this.report(new StaffClientError('store-failed', `could not keep the last seq: ${String(error)}`, { cause: error })));
  }

  private dropped(code: number): void {
    this.socket = null;
    this.failPending('disconnected', 'the connection to the kiosk dropped before it answered');
    if (code === CLOSE_UNAUTHORIZED) return this.fail(new StaffClientError('unauthorized', 'the kiosk did not accept the token'));
    if (code === CLOSE_RATE_LIMITED && !this.everOpened) {
      return this.fail(new StaffClientError('rate-limited', 'too many failed attempts from this address: wait a minute and try again'));
    }
    const maxMs = this.options.backoff?.maxMs ?? 10_000;
    // Rate-limited after having been in: the block lasts at least 10 s, so wait the longest.
    const delay = code === CLOSE_RATE_LIMITED ? maxMs : this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, maxMs);
    this.setState(this.everOpened ? 'reconnecting' : 'connecting', null);
    // Jitter, so that many staff apps do not all return at the same instant after a kiosk restart.
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.open();
    }, delay * (0.75 + Math.random() * 0.25));
  }

  private fail(error: StaffClientError): void {
    const socket = this.socket;
    this.socket = null;
    socket?.close(CLOSE_NORMAL, error.code);
    this.stop(error);
  }

  private stop(error: StaffClientError): void {
    this.failPending(error.code === 'closed' ? 'closed' : 'disconnected', error.message);
    const first = this.firstWelcome;
    this.firstWelcome = null;
    first?.reject(error);
    if (this.currentState !== 'closed') this.setState('closed', error.code === 'closed' ? null : error);
  }

  private command(frame: Command): Promise<Record<string, unknown>> {
    const socket = this.socket;
    if (this.currentState !== 'open' || !socket || socket.readyState !== SOCKET_OPEN) {
      return Promise.reject(new StaffClientError('not-connected', 'the staff link is not connected; nothing was sent'));
    }
    const id = `c${this.nextId++}`;
    return new Promise((resolve, reject) => {
      const timeoutMs = this.options.commandTimeoutMs ?? 15_000;
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new StaffClientError('timeout', `the kiosk did not answer ${frame.type} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      socket.send(JSON.stringify({ ...frame, id }));
    });
  }

  private failPending(code: 'disconnected' | 'closed', message: string): void {
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.reject(new StaffClientError(code, message));
      this.pending.delete(id);
    }
  }

  private setState(state: ConnectionState, error: StaffClientError | null): void {
    if (state === this.currentState && error === null) return;
    this.currentState = state;
    for (const listener of this.listeners.state) this.call(listener, state, error);
  }

  private report(problem: StaffClientError): void {
    for (const listener of this.listeners.problem) {
      try {
        listener(problem);
      } catch {
        // A failing problem listener has nowhere left to report to.
      }
    }
  }

  private call<A extends unknown[]>(listener: (...args: A) => void, ...args: A): void {
    try {
      listener(...args);
    } catch (error) {
      this.report(new StaffClientError('listener-failed', `a listener threw: ${String(error)}`, { cause: error }));
    }
  }
}
