// KioskApi for the page, over ipcRenderer. Every call is listed so that `satisfies
// KioskApi` fails the build when KIOSK_CALLS gains, loses or changes a call.
import type {
  KioskApi,
  KioskCall,
  KioskCallError,
  KioskCallInput,
  KioskCallOutput,
  KioskView,
} from '../shared/kiosk-api.js';
import { isCallError } from '../shared/call-errors.js';
import { kioskChannel, VIEW_CHANNEL } from '../shared/ipc-contract.js';

type ViewListener = (event: unknown, view: KioskView) => void;

export interface KioskIpcRenderer {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(channel: string, listener: ViewListener): unknown;
  removeListener(channel: string, listener: ViewListener): unknown;
}

// Rejects with a plain `{ code, message }`: contextBridge copies plain objects whole,
// while an Error arrives in the page with its message only.
function unwrapReply(reply: unknown): unknown {
  if (typeof reply === 'object' && reply !== null) {
    const envelope = reply as Record<string, unknown>;
    if (envelope.ok === true && 'value' in envelope) return envelope.value;
    if (envelope.ok === false && isCallError(envelope.error)) {
      const error: KioskCallError = { code: envelope.error.code, message: envelope.error.message };
      throw error;
    }
  }
  const error: KioskCallError = { code: 'internal', message: 'malformed reply from the kiosk core' };
  throw error;
}

function callOverIpc<C extends KioskCall>(
  ipc: KioskIpcRenderer,
  call: C,
): (input: KioskCallInput<C>) => Promise<KioskCallOutput[C]> {
  const channel = kioskChannel(call);
  return async (input) => {
    let reply: unknown;
    try {
      reply = await ipc.invoke(channel, input);
    } catch (cause) {
      const error: KioskCallError = {
        code: 'internal',
        message: cause instanceof Error ? cause.message : 'the kiosk core did not answer',
      };
      throw error;
    }
    // The main process answers with what the core returned for this very call.
    return unwrapReply(reply) as KioskCallOutput[C];
  };
}

export function createKioskApiOverIpc(ipc: KioskIpcRenderer): KioskApi {
  return {
    getView: callOverIpc(ipc, 'getView'),
    getLocales: callOverIpc(ipc, 'getLocales'),
    startSession: callOverIpc(ipc, 'startSession'),
    chooseLanguage: callOverIpc(ipc, 'chooseLanguage'),
    noticeShown: callOverIpc(ipc, 'noticeShown'),
    answer: callOverIpc(ipc, 'answer'),
    changeLanguage: callOverIpc(ipc, 'changeLanguage'),
    touch: callOverIpc(ipc, 'touch'),
    adminUnlock: callOverIpc(ipc, 'adminUnlock'),
    adminStatus: callOverIpc(ipc, 'adminStatus'),
    adminExit: callOverIpc(ipc, 'adminExit'),
    adminLock: callOverIpc(ipc, 'adminLock'),
    onView(listener) {
      // The IPC event (with its sender) stays in the preload; the page gets the view only.
      const relay: ViewListener = (_event, view) => listener(view);
      ipc.on(VIEW_CHANNEL, relay);
      return () => {
        ipc.removeListener(VIEW_CHANNEL, relay);
      };
    },
  } satisfies KioskApi;
}
