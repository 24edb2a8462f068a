// The page's KioskApi calls, answered by the core; views pushed back; the page's
// presence reported to the core. Nothing else crosses from the page to the main process.
import type { KioskCore } from '../core/index.js';
import { toCallError as callErrorFor } from '../shared/call-errors.js';
import { KIOSK_CALLS, type KioskCall, type KioskCallError, type KioskView } from '../shared/kiosk-api.js';
import { kioskChannel, VIEW_CHANNEL, type IpcReply } from '../shared/ipc-contract.js';
import { isAppSender, type IpcSenderEvent } from './ipc-sender.js';

export type KioskCallCore = Pick<KioskCore, 'call'>;

export interface IpcHandlerRegistry {
  handle(channel: string, listener: (event: IpcSenderEvent, input: unknown) => Promise<IpcReply<unknown>>): void;
  removeHandler(channel: string): void;
}

export const KIOSK_CALL_NAMES = Object.keys(KIOSK_CALLS) as KioskCall[];

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** What the page may learn of a failure: the core's `{ code, message }`, or a bare "internal". */
export function toCallError(error: unknown): KioskCallError {
  // Unexpected failures stay in the main process log.
  return callErrorFor(error, (hidden) => console.error('kokuchi: kiosk call failed:', hidden instanceof Error ? hidden.message : String(hidden)));
}

/** Registers `kokuchi:<call>` for every KIOSK_CALLS key; returns a function that removes them. */
export function registerKioskCalls(ipcMain: IpcHandlerRegistry, core: KioskCallCore): () => void {
  for (const call of KIOSK_CALL_NAMES) {
    ipcMain.handle(kioskChannel(call), async (event, input) => {
      if (!isAppSender(event)) {
        throw new Error(`refused ${kioskChannel(call)}: the sender is not the kiosk page`);
      }
      if (!isPlainObject(input)) {
        return { ok: false, error: { code: 'bad-request', message: `${call}: input must be an object` } };
      }
      try {
        return { ok: true, value: await core.call(call, input) };
      } catch (error) {
        return { ok: false, error: toCallError(error) };
      }
    });
  }
  return () => {
    for (const call of KIOSK_CALL_NAMES) ipcMain.removeHandler(kioskChannel(call));
  };
}

export interface KioskPage {
  send(channel: string, view: KioskView): void;
  isDestroyed(): boolean;
  on(event: 'did-finish-load', listener: () => void): unknown;
  on(
    event: 'did-fail-load',
    listener: (event: unknown, errorCode: number, errorDescription: string, url: string, isMainFrame: boolean) => void,
  ): unknown;
  on(event: 'render-process-gone', listener: () => void): unknown;
  on(event: 'unresponsive', listener: () => void): unknown;
  on(event: 'responsive', listener: () => void): unknown;
  on(event: 'destroyed', listener: () => void): unknown;
}

/** Pushes every view the core makes to the page on `kokuchi:view`. */
export function forwardViews(core: Pick<KioskCore, 'onView'>, page: KioskPage): () => void {
  const unsubscribe = core.onView((view) => {
    if (!page.isDestroyed()) page.send(VIEW_CHANNEL, view);
  });
  page.on('destroyed', unsubscribe);
  return unsubscribe;
}

/** Tells the core whether the kiosk screen is up: loaded and alive, or gone. */
export function trackScreenConnection(core: Pick<KioskCore, 'setScreenConnected'>, page: KioskPage): void {
  const connected = (): void => core.setScreenConnected(true);
  const gone = (): void => core.setScreenConnected(false);
  page.on('did-finish-load', connected);
  page.on('responsive', connected);
  page.on('did-fail-load', (_event, _code, _description, _url, isMainFrame) => {
    if (isMainFrame) gone();
  });
  page.on('render-process-gone', gone);
  page.on('unresponsive', gone);
  page.on('destroyed', gone);
}

export interface KioskIpcWiring {
  ipcMain: IpcHandlerRegistry;
  core: Pick<KioskCore, 'call' | 'onView' | 'setScreenConnected'>;
  page: KioskPage;
}

/** Everything IPC between the kiosk page and the core; returns a function that undoes the calls and view stream. */
export function wireKioskIpc({ ipcMain, core, page }: KioskIpcWiring): () => void {
  const unregister = registerKioskCalls(ipcMain, core);
  const stopViews = forwardViews(core, page);
  trackScreenConnection(core, page);
  return () => {
    unregister();
    stopViews();
  };
}
