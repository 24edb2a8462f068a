// How KioskApi travels over Electron IPC: one invoke channel per KIOSK_CALLS key, one
// push channel for views, and replies wrapped so an error keeps its `code` (a thrown
// Error loses every property but its message on the way through ipcMain.handle).
// Runtime-free apart from two strings: both the main process and the sandboxed
// preload import it.
import type { KioskCall, KioskCallError } from '../shared/kiosk-api.js';

export const VIEW_CHANNEL = 'kokuchi:view';

export type KioskChannel<C extends KioskCall = KioskCall> = `kokuchi:${C}`;

export function kioskChannel<C extends KioskCall>(call: C): KioskChannel<C> {
  return `kokuchi:${call}`;
}

export type IpcReply<T> = { ok: true; value: T } | { ok: false; error: KioskCallError };
