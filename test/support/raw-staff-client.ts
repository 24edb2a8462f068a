// A deliberately independent staff client: raw `ws` and the contract in
// staff-link.md, nothing from the project's own client code.
import WebSocket from 'ws';

export interface Frame {
  type: string;
  [key: string]: unknown;
}

export class RawStaffClient {
  readonly frames: Frame[] = [];
  closeCode: number | null = null;
  private waiters: Array<() => void> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as Frame);
      this.wake();
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      this.wake();
    });
  }

  static async connect(staffUrl: string, options: { token?: string; headers?: Record<string, string> } = {}): Promise<RawStaffClient> {
    const url = staffUrl.replace(/^http/, 'ws') + 'v1/staff';
    const headers = { ...options.headers, ...(options.token && { authorization: `Bearer ${options.token}` }) };
    const ws = new WebSocket(url, { headers });
    const client = new RawStaffClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  events(): Array<Record<string, unknown>> {
    return this.frames.filter((f) => f.type === 'event').map((f) => f.event as Record<string, unknown>);
  }

  async waitFor<T>(find: () => T | undefined | null | false, what: string, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; frames: ${JSON.stringify(this.frames).slice(-2000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The `welcome` frame: the kiosk took the token and the connection is ready for commands. */
  waitForWelcome(what = 'welcome'): Promise<Frame> {
    return this.waitFor(() => this.frames.find((f) => f.type === 'welcome'), what);
  }

  waitForEvent(type: string, sessionId?: string): Promise<Record<string, unknown>> {
    return this.waitFor(
      () => this.events().find((e) => e.type === type && (sessionId === undefined || e.sessionId === sessionId)),
      `event ${type}`,
    );
  }

  waitForReply(id: string | number): Promise<Frame> {
    return this.waitFor(() => this.frames.find((f) => (f.type === 'result' || f.type === 'error') && f.id === id), `reply ${id}`);
  }

  waitForClose(): Promise<number> {
    return this.waitFor(() => this.closeCode ?? undefined, 'close');
  }

  close(): void {
    this.ws.close();
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const wake of waiting) wake();
  }
}
