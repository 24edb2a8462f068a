import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { KioskCore } from '../../../electron/core/kiosk-core.js';
import { isAppSender } from '../../../electron/main/ipc-sender.js';
import { toCallError, wireKioskIpc } from '../../../electron/main/ipc.js';
import { KIOSK_CALLS, type KioskView } from '../../../electron/shared/kiosk-api.js';
import { FakeIpcMain, FakeWebContents } from '../../fixtures/fake-electron.js';

const PAGE = 'kokuchi://app/index.html';

class RecordingCore implements Pick<KioskCore, 'call' | 'onView' | 'setScreenConnected'> {
  readonly calls: { call: string; input: unknown }[] = [];
  readonly screen: boolean[] = [];
  readonly viewListeners = new Set<(view: KioskView) => void>();
  failWith: unknown = null;

  call: KioskCore['call'] = async (call, input) => {
    this.calls.push({ call, input });
    if (this.failWith !== null) throw this.failWith;
    return { ok: true } as never;
  };
  onView(listener: (view: KioskView) => void): () => void {
    this.viewListeners.add(listener);
    return () => this.viewListeners.delete(listener);
  }
  setScreenConnected(connected: boolean): void {
    this.screen.push(connected);
  }
  pushView(view: KioskView): void {
    for (const listener of this.viewListeners) listener(view);
  }
}

function wired(): { ipcMain: FakeIpcMain; core: RecordingCore; page: FakeWebContents; unwire: () => void } {
  const ipcMain = new FakeIpcMain();
  const core = new RecordingCore();
  const page = new FakeWebContents();
  const unwire = wireKioskIpc({ ipcMain, core, page });
  return { ipcMain, core, page, unwire };
}

// Unexpected failures are logged by design; keep the test output clean.
beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

const VIEW = { screen: 'idle', now: 1 } as unknown as KioskView;

describe('isAppSender', () => {
  it('accepts only frames on kokuchi://app', () => {
    expect(isAppSender({ senderFrame: { url: PAGE } })).toBe(true);
    expect(isAppSender({ senderFrame: { url: 'https://evil.example/' } })).toBe(false);
    expect(isAppSender({ senderFrame: { url: 'kokuchi://other/index.html' } })).toBe(false);
    expect(isAppSender({ senderFrame: { url: 'file:///work/main/dist/renderer/index.html' } })).toBe(false);
    expect(isAppSender({ senderFrame: null })).toBe(false);
  });
});

describe('wireKioskIpc', () => {
  it('registers exactly one kokuchi:<call> channel per KIOSK_CALLS key', () => {
    const { ipcMain } = wired();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.keys(KIOSK_CALLS).map((c) => `kokuchi:${c}`).sort());
  });

  it('passes a call from the kiosk page to the core and wraps its answer', async () => {
    const { ipcMain, core } = wired();
    const reply = await ipcMain.invoke('kokuchi:startSession', PAGE, { language: 'en' });
    expect(core.calls).toEqual([{ call: 'startSession', input: { language: 'en' } }]);
    expect(reply).toEqual({ ok: true, value: { ok: true } });
  });

  it('rejects a sender from another origin without calling the core', async () => {
    const { ipcMain, core } = wired();
    await expect(ipcMain.invoke('kokuchi:getView', 'https://evil.example/', {})).rejects.toThrow(/not the kiosk page/);
    await expect(ipcMain.invoke('kokuchi:getView', null, {})).rejects.toThrow(/not the kiosk page/);
    expect(core.calls).toEqual([]);
  });

  it.each([[null], [undefined], ['getView'], [42], [[{ language: 'en' }]], [new Date()]])(
    'answers bad-request for a non-object input %j without calling the core',
    async (input) => {
      const { ipcMain, core } = wired();
      const reply = await ipcMain.invoke('kokuchi:touch', PAGE, input);
      expect(reply).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      expect(core.calls).toEqual([]);
    },
  );

  it("carries the core's { code, message } across, and hides anything else as internal", async () => {
    const { ipcMain, core } = wired();
    core.failWith = Object.assign(new Error('no such session'), { code: 'not-found' });
    expect(await ipcMain.invoke('kokuchi:answer', PAGE, { sessionId: 's', answer: 'acknowledged' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'no such session' },
    });
    core.failWith = new Error('ENOENT: /var/lib/secret/path');
    expect(await ipcMain.invoke('kokuchi:getView', PAGE, {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'internal error' },
    });
  });

  it('pushes every view to the page on kokuchi:view until the page is destroyed', () => {
    const { core, page } = wired();
    core.pushView(VIEW);
    expect(page.sent).toEqual([{ channel: 'kokuchi:view', args: [VIEW] }]);
    page.destroy();
    core.pushView(VIEW);
    expect(page.sent).toHaveLength(1);
    expect(core.viewListeners.size).toBe(0);
  });

  it('reports the screen connected on load and gone on crash, hang, failed load or destroy', () => {
    const { core, page } = wired();
    page.emit('did-finish-load');
    page.emit('render-process-gone', {}, { reason: 'crashed' });
    page.emit('did-finish-load');
    page.emit('unresponsive');
    page.emit('responsive');
    page.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', PAGE, false);
    page.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', PAGE, true);
    page.destroy();
    expect(core.screen).toEqual([true, false, true, false, true, false, false]);
  });

  it('removes its handlers and view stream when unwired', () => {
    const { ipcMain, core, unwire } = wired();
    unwire();
    expect(ipcMain.handlers.size).toBe(0);
    expect(core.viewListeners.size).toBe(0);
  });
});

describe('toCallError', () => {
  it('keeps only code and message', () => {
    expect(toCallError({ code: 'conflict', message: 'busy', stack: 'x', secret: 'y' })).toEqual({
      code: 'conflict',
      message: 'busy',
    });
    expect(toCallError({ code: 'EACCES', message: 'denied' })).toEqual({ code: 'internal', message: 'internal error' });
  });
});
