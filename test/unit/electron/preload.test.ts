import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { KIOSK_CALLS, type KioskApi, type KioskView } from '../../../electron/shared/kiosk-api.js';
import { contextBridge, ipcRenderer } from '../../fixtures/fake-electron.js';

vi.mock('electron', () => import('../../fixtures/fake-electron.js'));

let api: KioskApi;

// The sandboxed preload runs in the page's window; here an EventTarget stands in for it.
const pageWindow = new EventTarget();

beforeAll(async () => {
  vi.stubGlobal('window', pageWindow);
  await import('../../../electron/preload/preload.js');
  api = contextBridge.exposed.get('kokuchi') as KioskApi;
});

afterAll(() => {
  vi.unstubAllGlobals();
});

beforeEach(() => {
  ipcRenderer.invocations.length = 0;
  ipcRenderer.answer = () => ({ ok: true, value: {} });
});

const SAMPLE_INPUT: { [C in keyof typeof KIOSK_CALLS]: Parameters<KioskApi[C]>[0] } = {
  getView: {},
  getLocales: {},
  startSession: { language: 'en' },
  chooseLanguage: { language: 'ne' },
  noticeShown: { sessionId: 's1', noticeVersion: 'sha256:00' },
  answer: { sessionId: 's1', answer: 'acknowledged' },
  changeLanguage: { sessionId: 's1', language: 'vi' },
  touch: { extendAnswer: true },
  adminUnlock: { pin: '2580' },
  adminStatus: { adminSession: 'a1' },
  adminExit: { adminSession: 'a1' },
  adminLock: { adminSession: 'a1' },
};

describe('preload', () => {
  it('exposes window.kokuchi with exactly the KIOSK_CALLS methods plus onView', async () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['kokuchi']);
    expect(api).toBeDefined();
    expect(Object.keys(api).sort()).toEqual([...Object.keys(KIOSK_CALLS), 'onView'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('invokes kokuchi:<call> with the input for every call', async () => {
    for (const call of Object.keys(KIOSK_CALLS) as (keyof typeof KIOSK_CALLS)[]) {
      const method = api[call] as (input: unknown) => Promise<unknown>;
      ipcRenderer.answer = () => ({ ok: true, value: { answeredFor: call } });
      await expect(method(SAMPLE_INPUT[call])).resolves.toEqual({ answeredFor: call });
      expect(ipcRenderer.invocations.at(-1)).toEqual({ channel: `kokuchi:${call}`, args: [SAMPLE_INPUT[call]] });
    }
  });

  it('rejects with the plain { code, message } the main process sent', async () => {
    ipcRenderer.answer = () => ({ ok: false, error: { code: 'invalid-state', message: 'no session', extra: 1 } });
    const failure: unknown = await api.answer({ sessionId: 's1', answer: 'questioned' }).catch((error: unknown) => error);
    expect(failure).toEqual({ code: 'invalid-state', message: 'no session' });
    expect(failure).not.toBeInstanceOf(Error);
  });

  it('turns a refused invoke or a malformed reply into an internal error', async () => {
    ipcRenderer.answer = () => {
      throw new Error("Error invoking remote method 'kokuchi:getView'");
    };
    await expect(api.getView({})).rejects.toMatchObject({ code: 'internal' });
    ipcRenderer.answer = () => 'surprise';
    await expect(api.getView({})).rejects.toEqual({ code: 'internal', message: 'malformed reply from the kiosk core' });
  });

  it('turns off the context menu (long press) for the page', () => {
    expect(pageWindow.dispatchEvent(new Event('contextmenu', { cancelable: true }))).toBe(false);
  });

  it('delivers views from kokuchi:view without the IPC event, until unsubscribed', async () => {
    const views: unknown[][] = [];
    const unsubscribe = api.onView((...args: unknown[]) => views.push(args));
    const view = { screen: 'notice' } as unknown as KioskView;
    ipcRenderer.emit('kokuchi:view', { sender: 'ipc event' }, view);
    unsubscribe();
    ipcRenderer.emit('kokuchi:view', { sender: 'ipc event' }, view);
    expect(views).toEqual([[view]]);
    expect(ipcRenderer.listenerCount('kokuchi:view')).toBe(0);
  });
});
