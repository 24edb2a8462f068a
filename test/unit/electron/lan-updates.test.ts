import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { followLanUpdates, lanUpdateFeed } from '../../../electron/main/lan-updates.js';
import { FakeAutoUpdater } from '../../fixtures/fake-electron.js';

const FEED = 'http://updates.office.lan/kokuchi/';

describe('lanUpdateFeed', () => {
  it('follows the configured feed only in a packaged Windows install or AppImage', () => {
    const base = { url: FEED, packaged: true, env: {} };
    expect(lanUpdateFeed({ ...base, platform: 'win32' })).toBe(FEED);
    expect(lanUpdateFeed({ ...base, platform: 'linux', env: { APPIMAGE: '/srv/Kokuchi.AppImage' } })).toBe(FEED);
    // A deb is updated by the fleet's package tools.
    expect(lanUpdateFeed({ ...base, platform: 'linux' })).toBeNull();
    expect(lanUpdateFeed({ ...base, platform: 'win32', packaged: false })).toBeNull();
    expect(lanUpdateFeed({ ...base, platform: 'win32', url: undefined })).toBeNull();
  });
});

describe('followLanUpdates', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sets the generic feed, downloads by itself, installs on the next quit and checks every few hours', async () => {
    const updater = new FakeAutoUpdater();
    const stop = followLanUpdates(updater, FEED, 1000);
    expect(updater.feeds).toEqual([{ provider: 'generic', url: FEED }]);
    expect(updater.autoDownload && updater.autoInstallOnAppQuit).toBe(true);
    expect(updater.checks).toBe(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(updater.checks).toBe(3);
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(updater.checks).toBe(3);
  });

  it('keeps checking when the feed is unreachable', async () => {
    const updater = new FakeAutoUpdater();
    updater.failChecks = true;
    const stop = followLanUpdates(updater, FEED, 1000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(updater.checks).toBe(2);
    stop();
  });
});
