// The WebSocket the client needs: the browser's global, or `ws` in Node 20 (which has
// no global WebSocket). Handlers are typed loosely so that both fit.
import { STAFF_SOCKET_PATH } from '../shared/staff-protocol.js';

export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: never) => void) | null;
  onmessage: ((event: never) => void) | null;
  onclose: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

export const SOCKET_OPEN = 1;

/** The global WebSocket, if this runtime has one. */
export function globalWebSocket(): WebSocketConstructor | undefined {
  return (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
}

/** `http://host:port/` (the staff link URL as `kokuchi serve` prints it) → `ws://host:port/v1/staff`. */
export function staffSocketUrl(url: string): string {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'https:' || parsed.protocol === 'wss:';
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol)) {
    throw new TypeError(`the staff link URL must start with http:, https:, ws: or wss:, not ${parsed.protocol}`);
  }
  parsed.protocol = secure ? 'wss:' : 'ws:';
  if (!parsed.pathname.endsWith(STAFF_SOCKET_PATH)) {
    parsed.pathname = parsed.pathname.replace(/\/?$/, '/') + STAFF_SOCKET_PATH.slice(1);
  }
  parsed.hash = '';
  return parsed.toString();
}
