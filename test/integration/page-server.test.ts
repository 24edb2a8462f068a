// The headless shell's page server: it serves the built page with its CSP, nothing outside
// that folder, a hostile path never takes it down, and only the browser that opened the
// printed link first gets the bridge.
import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import WebSocket from 'ws';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageServer } from '../../electron/cli/page-server.js';
import type { KioskCore } from '../../electron/core/kiosk-core.js';
import { KIOSK_PAGE_CSP } from '../../electron/shared/content-security-policy.js';
import { startCoreInProcess } from '../support/kiosk-in-process.js';
import { makeDataDir, removeDataDir } from '../support/kiosk-process.js';

let dataDir: string;
let core: KioskCore;
let page: PageServer;
let origin: string;

/** A raw request, so that the path reaches the server exactly as written. */
function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}/`, { path, method: 'GET', headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  dataDir = await makeDataDir();
  const rendererDir = join(dataDir, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  await writeFile(join(rendererDir, 'assets', 'kiosk.js'), 'export {};');
  await writeFile(join(dataDir, 'secret.txt'), 'not for the page');
  core = await startCoreInProcess({ dataDir });
  page = await PageServer.listen(core, rendererDir, 0);
  origin = new URL(page.url).origin;
});

afterAll(async () => {
  await page?.close();
  await core?.close();
  await removeDataDir(dataDir);
});

describe('page server', () => {
  it('serves the page and its assets with the strict CSP', async () => {
    const index = await get('/');
    expect(index).toMatchObject({ status: 200, body: '<!doctype html><title>kiosk</title>' });
    expect(index.headers['content-security-policy']).toBe(KIOSK_PAGE_CSP);
    const script = await get('/assets/kiosk.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('refuses paths that climb out or cannot be decoded, and keeps running', async () => {
    for (const path of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/..%5c..%5csecret.txt', '/%E0', '/%00index.html', '/missing.js']) {
      const answer = await get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toContain('not for the page');
    }
    expect((await get('/')).status).toBe(200);
  });

  it('refuses a bridge upgrade with a malformed target or without the secret, and keeps running', async () => {
    for (const path of ['//[', '/kiosk-bridge', '/kiosk-bridge?secret=wrong']) {
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(`${origin}/`, { path, headers: { connection: 'upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' } });
        req.on('response', (res) => resolve(res.statusCode ?? 0));
        req.on('upgrade', () => resolve(101));
        req.on('error', reject);
        req.end();
      });
      expect(status, path).toBe(403);
    }
    expect((await get('/')).status).toBe(200);
  });
});

/** The bridge as a program would open it: 'open' with the socket, or the refusal's HTTP status. */
function openBridge(headers: Record<string, string>): Promise<{ ws: WebSocket; firstFrame: Promise<{ type: string }> } | { status: number }> {
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/kiosk-bridge`, { headers });
  const firstFrame = new Promise<{ type: string }>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)) as { type: string })));
  return new Promise((resolve) => {
    ws.once('open', () => resolve({ ws, firstFrame }));
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.once('error', () => resolve({ status: 0 }));
  });
}

describe('the printed link', () => {
  // One kiosk per test file: the link is burnt once, so these run in order on the same server.
  let cookie = '';

  it('is exchanged once for an HttpOnly SameSite=Strict cookie and a clean URL', async () => {
    const link = new URL(page.url);
    const first = await get(`${link.pathname}${link.search}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toContain(link.searchParams.get('secret'));
    cookie = setCookie.split(';')[0] ?? '';
    // The same link again, without that cookie: refused, and no cookie for the replayer.
    const replay = await get(`${link.pathname}${link.search}`);
    expect(replay.status).toBe(403);
    expect(replay.headers['set-cookie']).toBeUndefined();
    // The holder may come back through it and is sent to the clean URL again.
    expect(await get(`${link.pathname}${link.search}`, { cookie })).toMatchObject({ status: 303 });
  });

  it('lets only the holder\'s page onto the bridge, one socket at a time', async () => {
    const own = { origin, cookie };
    expect(await openBridge({ origin })).toEqual({ status: 403 });
    expect(await openBridge({ origin, cookie: 'kokuchi-screen=guess' })).toEqual({ status: 403 });
    expect(await openBridge({ origin: 'http://127.0.0.1:1', cookie })).toEqual({ status: 403 });
    const first = await openBridge(own);
    if (!('ws' in first)) throw new Error(`the holder was refused: ${first.status}`);
    const firstClosed = new Promise<number>((resolve) => first.ws.once('close', (code) => resolve(code)));
    const second = await openBridge(own);
    if (!('ws' in second)) throw new Error(`the holder's reload was refused: ${second.status}`);
    // A reload takes over: the older socket is told not to come back.
    expect(await firstClosed).toBe(4409);
    expect((await second.firstFrame).type).toBe('view');
    second.ws.close();
  });

  it('answers nothing to a Host that is not 127.0.0.1 or localhost (DNS rebinding)', async () => {
    expect((await get('/', { host: 'evil.example' })).status).toBe(421);
    expect((await get('/', { host: `evil.example:${new URL(origin).port}` })).body).not.toContain('<title>');
    expect((await get('/', { host: `localhost:${new URL(origin).port}` })).status).toBe(200);
    expect(await openBridge({ host: 'evil.example', origin: 'http://evil.example', cookie })).toEqual({ status: 403 });
  });
});
