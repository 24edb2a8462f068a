import { describe, expect, it } from 'vitest';
import { denyPermissions } from '../../../electron/main/permissions.js';
import { FakeSession } from '../../fixtures/fake-electron.js';

describe('denyPermissions', () => {
  it('answers every permission request with false', () => {
    const session = new FakeSession();
    denyPermissions(session);
    for (const permission of ['media', 'notifications', 'geolocation', 'openExternal', 'unknown']) {
      const answers: boolean[] = [];
      session.permissionRequestHandler?.({}, permission, (granted) => answers.push(granted));
      expect(answers).toEqual([false]);
    }
  });

  it('answers every permission check with false', () => {
    const session = new FakeSession();
    denyPermissions(session);
    expect(session.permissionCheckHandler?.({}, 'media')).toBe(false);
    expect(session.permissionCheckHandler?.(null, 'clipboard-read')).toBe(false);
  });

  it('lets the page use no USB, HID or serial device', () => {
    const session = new FakeSession();
    denyPermissions(session);
    expect(session.devicePermissionHandler?.({ deviceType: 'usb', origin: 'kokuchi://app' })).toBe(false);
    expect(session.devicePermissionHandler?.({ deviceType: 'hid' })).toBe(false);
  });
});
