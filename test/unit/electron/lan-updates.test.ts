// LAN updates: HTTPS feeds only, and a downloaded update is installed on quit only when its
// detached Ed25519 signature verifies against the app's key; otherwise refused and recorded.
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { followLanUpdates, lanUpdateFeed } from '../../../electron/main/lan-updates.js';
import { updateKey } from '../../../electron/main/update-signature.js';
import { UPDATE_SIGNING_KEY } from '../../../electron/main/update-signing-key.js';
import { FakeAutoUpdater } from '../../fixtures/fake-electron.js';

const FEED = 'https://updates.office.lan/kokuchi/';

describe('lanUpdateFeed', () => {
  it('follows the configured HTTPS feed only in a packaged Windows install or AppImage', () => {
    const base = { url: FEED, packaged: true, env: {} };
    expect(lanUpdateFeed({ ...base, platform: 'win32' })).toBe(FEED);
    expect(lanUpdateFeed({ ...base, platform: 'linux', env: { APPIMAGE: '/srv/Kokuchi.AppImage' } })).toBe(FEED);
    // A deb is updated by the fleet's package tools.
    expect(lanUpdateFeed({ ...base, platform: 'linux' })).toBeNull();
    expect(lanUpdateFeed({ ...base, platform: 'win32', packaged: false })).toBeNull();
    expect(lanUpdateFeed({ ...base, platform: 'win32', url: undefined })).toBeNull();
    expect(lanUpdateFeed({ ...base, platform: 'win32', url: 'http://updates.office.lan/kokuchi/' })).toBeNull();
  });

  it('ships an Ed25519 key', () => {
    expect(updateKey(UPDATE_SIGNING_KEY).asymmetricKeyType).toBe('ed25519');
  });
});

describe('followLanUpdates', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519');
  let dir: string;
  let file: string;
  let signatures: Map<string, Buffer>;
  let refused: Array<[string, string]>;
  const update = Buffer.from('the new kiosk, version 1.2.0');

  function follow(updater: FakeAutoUpdater, everyMs = 1000): () => void {
    return followLanUpdates(updater, FEED, {
      key: publicKey,
      sources: { fetchSignature: async (url) => signatures.get(url) ?? null },
      onRefused: async (version, reason) => void refused.push([version, reason]),
      everyMs,
    });
  }

  async function download(updater: FakeAutoUpdater): Promise<void> {
    updater.downloaded({ version: '1.2.0', downloadedFile: file, files: [{ url: 'Kokuchi-1.2.0.AppImage' }] });
    await vi.waitFor(() => expect(updater.autoInstallOnAppQuit || refused.length > 0).toBe(true));
  }

  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    dir = mkdtempSync(path.join(tmpdir(), 'kokuchi-update-'));
    file = path.join(dir, 'Kokuchi-1.2.0.AppImage');
    writeFileSync(file, update);
    signatures = new Map();
    refused = [];
  });
  afterEach(() => {
    vi.useRealTimers();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sets the generic feed, downloads by itself and checks every few hours, installing nothing yet', async () => {
    vi.useFakeTimers();
    const updater = new FakeAutoUpdater();
    const stop = follow(updater);
    expect(updater.feeds).toEqual([{ provider: 'generic', url: FEED }]);
    expect([updater.autoDownload, updater.autoInstallOnAppQuit]).toEqual([true, false]);
    expect(updater.checks).toBe(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(updater.checks).toBe(3);
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(updater.checks).toBe(3);
  });

  it('keeps checking when the feed is unreachable', async () => {
    vi.useFakeTimers();
    const updater = new FakeAutoUpdater();
    updater.failChecks = true;
    const stop = follow(updater);
    await vi.advanceTimersByTimeAsync(1000);
    expect(updater.checks).toBe(2);
    stop();
  });

  it('installs on quit an update whose signature verifies against the key', async () => {
    signatures.set(`${FEED}Kokuchi-1.2.0.AppImage.sig`, sign(null, update, privateKey));
    const updater = new FakeAutoUpdater();
    follow(updater)();
    await download(updater);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(refused).toEqual([]);
  });

  it.each([
    ['unsigned', () => undefined, /^unsigned/],
    ['signed with another key', () => signatures.set(`${FEED}Kokuchi-1.2.0.AppImage.sig`, sign(null, update, other.privateKey)), /^bad signature/],
    ['signed, then changed', () => {
      signatures.set(`${FEED}Kokuchi-1.2.0.AppImage.sig`, Buffer.from(sign(null, update, privateKey).toString('base64')));
      writeFileSync(file, Buffer.concat([update, Buffer.from('!')]));
    }, /^bad signature/],
    ['a signature file that is not one', () => signatures.set(`${FEED}Kokuchi-1.2.0.AppImage.sig`, Buffer.from('<html>')), /not an Ed25519 signature/],
  ])('refuses an update %s and records it', async (_name, arrange, reason) => {
    arrange();
    const updater = new FakeAutoUpdater();
    follow(updater)();
    await download(updater);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(refused).toEqual([['1.2.0', expect.stringMatching(reason)]]);
  });

  it('refuses a later bad update even after a good one was accepted', async () => {
    signatures.set(`${FEED}Kokuchi-1.2.0.AppImage.sig`, sign(null, update, privateKey));
    const updater = new FakeAutoUpdater();
    follow(updater)();
    await download(updater);
    signatures.clear();
    updater.downloaded({ version: '1.3.0', downloadedFile: file, files: [{ url: 'Kokuchi-1.2.0.AppImage' }] });
    expect(updater.autoInstallOnAppQuit).toBe(false);
    await vi.waitFor(() => expect(refused).toHaveLength(1));
    expect(updater.autoInstallOnAppQuit).toBe(false);
  });
});
