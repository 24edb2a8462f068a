// Who gets in over the staff link, on real loopback sockets: the slow-down is per address
// (the 127.0.0.0/8 loopback gives each client its own), a rotated token shuts out every
// connection made with the old one at once, and a socket that never says `hello` is closed.
import { request as httpRequest } from 'node:http';
import WebSocket from 'ws';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openSettings } from '../../electron/cli/settings-file.js';
import type { KioskCore } from '../../electron/core/kiosk-core.js';
import { StaffLink } from '../../electron/core/staff-link/staff-link.js';
import type { StaffLinkCore } from '../../electron/core/staff-link/staff-link-core.js';
import { startCoreInProcess } from '../support/kiosk-in-process.js';
import { TOKEN, makeDataDir, removeDataDir } from '../support/kiosk-process.js';
import { RawStaffClient } from '../support/raw-staff-client.js';

const dirs: string[] = [];
const cores: KioskCore[] = [];

/** Without `token` the kiosk uses the pairing token in its settings file, as `kokuchi serve` does. */
async function kiosk({ token }: { token?: string } = {}): Promise<{ core: KioskCore; settings: ReturnType<typeof openSettings> }> {
  const dataDir = await makeDataDir();
  dirs.push(dataDir);
  const settings = openSettings(dataDir);
  const core = await startCoreInProcess({ dataDir, settings, overrides: { token } });
  cores.push(core);
  return { core, settings };
}

afterAll(async () => {
  for (const core of cores) await core.close();
  for (const dir of dirs) await removeDataDir(dir);
});

/** GET from a chosen loopback address; fetch cannot pick its source address. */
function statusFrom(localAddress: string, url: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { localAddress, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

function closeCodeFrom(localAddress: string, staffUrl: string, token: string): Promise<number> {
  const ws = new WebSocket(staffUrl.replace(/^http/, 'ws') + 'v1/staff', { localAddress });
  ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', token })));
  ws.on('message', () => ws.close(1000));
  return new Promise((resolve, reject) => {
    ws.on('close', (code) => resolve(code));
    ws.on('error', reject);
  });
}

describe('slow-down after wrong tokens', () => {
  it('holds back only the address that guessed, even when it then has the right token', async () => {
    const { core } = await kiosk({ token: TOKEN });
    const status = new URL('v1/status', core.staffLinkUrl).href;
    for (let i = 0; i < 5; i++) expect(await statusFrom('127.0.0.2', status, `guess-${i}`)).toBe(401);
    expect(await statusFrom('127.0.0.2', status, TOKEN)).toBe(429);
    expect(await closeCodeFrom('127.0.0.2', core.staffLinkUrl, TOKEN)).toBe(4429);
    expect(await statusFrom('127.0.0.1', status, TOKEN)).toBe(200);
    expect(await closeCodeFrom('127.0.0.1', core.staffLinkUrl, TOKEN)).toBe(1000);
  });
});

describe('token rotation while the kiosk runs', () => {
  it('closes every socket made with the old token (4401), refuses it over HTTP, and takes the new one', async () => {
    const { core, settings } = await kiosk();
    const oldToken = settings.get('staffToken') as string;
    expect(oldToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const byHeader = await RawStaffClient.connect(core.staffLinkUrl, { token: oldToken });
    const byHello = await RawStaffClient.connect(core.staffLinkUrl);
    byHello.send({ type: 'hello', token: oldToken });
    for (const client of [byHeader, byHello]) await client.waitForWelcome();
    const waiting = await RawStaffClient.connect(core.staffLinkUrl); // not yet authenticated: judged by its hello

    const newToken = 'N'.repeat(43);
    settings.set('staffToken', newToken);

    expect(await byHeader.waitForClose()).toBe(4401);
    expect(await byHello.waitForClose()).toBe(4401);
    const auth = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
    expect((await fetch(new URL('v1/status', core.staffLinkUrl), auth(oldToken))).status).toBe(401);
    expect((await fetch(new URL('v1/status', core.staffLinkUrl), auth(newToken))).status).toBe(200);
    waiting.send({ type: 'hello', token: newToken });
    await waiting.waitForWelcome('welcome with the new token');
    waiting.send({ type: 'ping', id: 'still-here' });
    expect(await waiting.waitForReply('still-here')).toMatchObject({ type: 'result', ok: true });
    waiting.close();
  });

  it('ignores the settings when the token is fixed by the configuration or environment', async () => {
    const { core, settings } = await kiosk({ token: TOKEN });
    const client = await RawStaffClient.connect(core.staffLinkUrl, { token: TOKEN });
    await client.waitForWelcome();
    settings.set('staffToken', 'N'.repeat(43));
    client.send({ type: 'ping', id: 1 });
    expect(await client.waitForReply(1)).toMatchObject({ type: 'result', ok: true });
    expect(client.closeCode).toBeNull();
    client.close();
  });
});

describe('hello deadline', () => {
  let link: StaffLink | undefined;
  afterEach(async () => {
    await link?.close();
  });

  // The link alone over a minimal core: the deadline is the link's, and 5 s is shortened here.
  const core: StaffLinkCore = {
    kioskId: 'kiosk-test',
    counterId: 'counter-1',
    token: () => TOKEN,
    lastSeq: () => 0,
    readAfter: async () => [],
    onEvent: () => () => undefined,
    welcome: () => ({ screen: 'disconnected', activeSession: null }),
    status: () => ({}),
    startSession: async () => 'session-1',
    override: async () => undefined,
    end: async () => undefined,
    pause: async () => undefined,
    resume: async () => undefined,
    metrics: async () => ({ contentType: 'text/plain', text: '' }),
  };

  it('closes a socket with 4401 when no hello comes in time, and keeps one that said hello', async () => {
    link = await StaffLink.listen({ host: '127.0.0.1', port: 0, core, helloTimeoutMs: 300 });
    // Greeted first: by the time the silent one is closed, its own deadline has passed too.
    const greeted = await RawStaffClient.connect(link.url);
    const silent = await RawStaffClient.connect(link.url);
    greeted.send({ type: 'hello', token: TOKEN });
    await greeted.waitForWelcome();
    expect(await silent.waitForClose()).toBe(4401);
    greeted.send({ type: 'ping', id: 'after-deadline' });
    expect(await greeted.waitForReply('after-deadline')).toMatchObject({ type: 'result', ok: true });
    expect(greeted.closeCode).toBeNull();
    greeted.close();
  });
});
