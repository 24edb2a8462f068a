import { beforeEach, describe, expect, it, vi } from 'vitest';
import { closeCoreBeforeQuit } from '../../../electron/main/orderly-quit.js';
import { FakeApp, fakeEvent } from '../../fixtures/fake-electron.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

describe('closeCoreBeforeQuit', () => {
  it('holds the quit until the core has closed with kiosk-restart, then quits once', async () => {
    const app = new FakeApp();
    const closing = deferred();
    const reasons: (string | undefined)[] = [];
    closeCoreBeforeQuit(app, { close: (reason) => (reasons.push(reason), closing.promise) });

    const first = fakeEvent();
    app.emit('before-quit', first);
    const second = fakeEvent();
    app.emit('before-quit', second);
    expect(first.defaultPrevented && second.defaultPrevented).toBe(true);
    expect(reasons).toEqual(['kiosk-restart']);
    expect(app.quitCalls).toBe(0);

    closing.resolve();
    await vi.waitFor(() => expect(app.quitCalls).toBe(1));
    const last = fakeEvent();
    app.emit('before-quit', last);
    expect(last.defaultPrevented).toBe(false);
  });

  it('quits anyway when closing fails or hangs', async () => {
    const failing = new FakeApp();
    closeCoreBeforeQuit(failing, { close: () => Promise.reject(new Error('disk full')) });
    failing.emit('before-quit', fakeEvent());
    await vi.waitFor(() => expect(failing.quitCalls).toBe(1));

    const hanging = new FakeApp();
    closeCoreBeforeQuit(hanging, { close: () => new Promise<void>(() => undefined) }, 20);
    hanging.emit('before-quit', fakeEvent());
    await vi.waitFor(() => expect(hanging.quitCalls).toBe(1));
  });
});
