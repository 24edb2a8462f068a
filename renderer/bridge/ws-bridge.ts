// KioskApi over the headless shell's loopback WebSocket. Reconnects by itself: the
// kiosk page must survive a drop without anyone touching it. The browser's session
// cookie (HttpOnly, set when the printed link was opened) is what lets it in.
import type { KioskApi, KioskCall, KioskCallError, KioskView } from '../../electron/shared/kiosk-api.js';
import { KIOSK_CALLS } from '../../electron/shared/kiosk-api.js';
import { BRIDGE_PATH, SCREEN_TAKEN_OVER, type BridgeMessage } from '../../electron/shared/bridge-protocol.js';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: KioskCallError) => void;
}

export interface BridgeOptions {
  origin?: string;
  /** A newer page of this browser took the screen over: this one must stop showing it. */
  onTakenOver?: () => void;
}

export function createWebSocketBridge({ origin = location.origin, onTakenOver }: BridgeOptions = {}): KioskApi {
  const url = `${origin.replace(/^http/, 'ws')}${BRIDGE_PATH}`;
  const listeners = new Set<(view: KioskView) => void>();
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  let nextId = 1;
  let socket: WebSocket | null = null;
  let retryMs = 250;
  let takenOver = false;

  function connect(): void {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = 250;
      for (const frame of queue.splice(0)) ws.send(frame);
    };
    ws.onmessage = (message) => {
      const frame = JSON.parse(String(message.data)) as BridgeMessage;
      if (frame.type === 'view') {
        for (const listener of listeners) listener(frame.view);
        return;
      }
      const waiting = frame.id === null ? undefined : pending.get(frame.id);
      if (!waiting || frame.id === null) return;
      pending.delete(frame.id);
      if (frame.type === 'result') waiting.resolve(frame.result);
      else waiting.reject(frame.error);
    };
    ws.onclose = (event) => {
      socket = null;
      for (const [id, waiting] of pending) {
        waiting.reject({ code: 'internal', message: 'connection to the kiosk core was lost' });
        pending.delete(id);
      }
      if (event.code === SCREEN_TAKEN_OVER) {
        // Reconnecting would take the screen back from the page that replaced this one.
        takenOver = true;
        listeners.clear();
        queue.length = 0;
        onTakenOver?.();
        return;
      }
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  }

  function invoke(call: KioskCall, input: unknown): Promise<unknown> {
    const id = nextId++;
    const frame = JSON.stringify({ id, call, input });
    return new Promise((resolve, reject) => {
      if (takenOver) return reject({ code: 'internal', message: 'another page of this browser shows the kiosk screen now' });
      pending.set(id, { resolve, reject });
      if (socket?.readyState === WebSocket.OPEN) socket.send(frame);
      else queue.push(frame);
    });
  }

  connect();
  const calls = Object.fromEntries(
    (Object.keys(KIOSK_CALLS) as KioskCall[]).map((call) => [call, (input: unknown) => invoke(call, input)]),
  );
  return {
    ...(calls as Omit<KioskApi, 'onView'>),
    onView(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
