import { beforeEach, describe, expect, it, vi } from 'vitest';
import { RELAUNCH_EXIT_CODE, relaunchKiosk, runsUnderServiceManager } from '../../../electron/main/kiosk-relaunch.js';
import { FakeApp } from '../../fixtures/fake-electron.js';

beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

describe('relaunchKiosk', () => {
  it('closes the core, then starts a new copy and exits', async () => {
    const app = new FakeApp();
    const closed: (string | undefined)[] = [];
    await relaunchKiosk(app, { close: async (reason) => void closed.push(reason) }, { env: {}, argv: ['/opt/Kokuchi/kokuchi'] });
    expect(closed).toEqual(['kiosk-restart']);
    expect(app.relaunches).toEqual([undefined]);
    expect(app.exitCodes).toEqual([0]);
  });

  it('leaves the restart to systemd when run as a service', async () => {
    const app = new FakeApp();
    await relaunchKiosk(app, { close: async () => undefined }, { env: { INVOCATION_ID: 'abc' }, argv: [] });
    expect(app.relaunches).toEqual([]);
    expect(app.exitCodes).toEqual([RELAUNCH_EXIT_CODE]);
    expect(runsUnderServiceManager({})).toBe(false);
  });

  it('starts the AppImage file again, not the binary inside its vanishing mount', async () => {
    const app = new FakeApp();
    await relaunchKiosk(
      app,
      { close: async () => undefined },
      { env: { APPIMAGE: '/srv/Kokuchi.AppImage' }, argv: ['/tmp/.mount_Kok/kokuchi', '--ozone-platform=wayland'] },
    );
    expect(app.relaunches).toEqual([{ execPath: '/srv/Kokuchi.AppImage', args: ['--ozone-platform=wayland'] }]);
  });

  it('relaunches even when the core hangs on closing', async () => {
    const app = new FakeApp();
    await relaunchKiosk(app, { close: () => new Promise<void>(() => undefined) }, { env: {}, argv: [] }, 20);
    expect(app.exitCodes).toEqual([0]);
  });
});
