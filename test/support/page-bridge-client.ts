// The kiosk page without a browser: the headless shell's KioskApi bridge (bridge-protocol.ts)
// over raw `ws`, reached from the printed kiosk UI URL the way the page reaches it.
import WebSocket from 'ws';
import type { KioskView } from '../../electron/shared/kiosk-api.js';

export class PageBridgeClient {
  view: KioskView | null = null;
  /** Called with every view the core pushes. */
  onView: ((view: KioskView) => void) | null = null;
  closed = false;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private waiters: Array<() => void> = [];

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as
        | { type: 'view'; view: KioskView }
        | { type: 'result'; id: number; result: unknown }
        | { type: 'error'; id: number | null; error: { code: string; message: string } };
      if (frame.type === 'view') {
        this.view = frame.view;
        this.onView?.(frame.view);
      } else if (frame.id !== null) {
        const waiting = this.pending.get(frame.id);
        this.pending.delete(frame.id);
        if (frame.type === 'result') waiting?.resolve(frame.result);
        else waiting?.reject(Object.assign(new Error(frame.error.message), { code: frame.error.code }));
      }
      this.wake();
    });
    ws.on('close', () => {
      this.closed = true;
      for (const waiting of this.pending.values()) waiting.reject(new Error('bridge closed'));
      this.pending.clear();
      this.wake();
    });
    ws.on('error', () => undefined);
  }

  /** Opens the printed kiosk link once, as the browser does, and connects its screen's bridge with the cookie it got. */
  static async connect(kioskUrl: string): Promise<PageBridgeClient> {
    const page = new URL(kioskUrl);
    const exchanged = await fetch(kioskUrl, { redirect: 'manual' });
    const cookie = exchanged.headers.get('set-cookie')?.split(';')[0];
    if (exchanged.status !== 303 || !cookie) throw new Error(`the kiosk link gave ${exchanged.status} and no screen cookie`);
    const ws = new WebSocket(`ws://${page.host}/kiosk-bridge`, { origin: `http://${page.host}`, headers: { cookie } });
    const client = new PageBridgeClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  call(call: string, input: unknown): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('bridge closed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ id, call, input }));
    });
  }

  /** Waits until the pushed view satisfies `test`, or the bridge closes (then null). */
  async waitForView(test: (view: KioskView) => boolean, timeoutMs = 10_000): Promise<KioskView | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.view && test(this.view)) return this.view;
      if (this.closed) return null;
      if (Date.now() > deadline) throw new Error(`timed out waiting for a view; last: ${JSON.stringify(this.view?.screen)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.ws.terminate();
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const wake of waiting) wake();
  }
}
