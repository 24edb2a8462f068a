// DNS rebinding against the staff link: a page on evil.example whose name now resolves to
// the kiosk sends `Host: evil.example`. It gets no console page, no API, not even /healthz.
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskCore } from '../../electron/core/kiosk-core.js';
import { startCoreInProcess } from '../support/kiosk-in-process.js';
import { ROOT, TOKEN, makeDataDir, removeDataDir } from '../support/kiosk-process.js';

let dataDir: string;
let core: KioskCore;

beforeAll(async () => {
  dataDir = await makeDataDir();
  core = await startCoreInProcess({ dataDir, consoleDir: join(ROOT, 'dist', 'renderer') });
});

afterAll(async () => {
  await core?.close();
  await removeDataDir(dataDir);
});

function get(path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, core.staffLinkUrl), { headers: { host, authorization: `Bearer ${TOKEN}` } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function upgradeStatus(host: string): Promise<number> {
  const ws = new WebSocket(`${core.staffLinkUrl.replace(/^http/, 'ws')}v1/staff`, { headers: { host, authorization: `Bearer ${TOKEN}` } });
  return new Promise((resolve) => {
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(0));
  });
}

describe('staff link Host check', () => {
  const port = () => new URL(core.staffLinkUrl).port;

  it('answers the names it serves', async () => {
    for (const host of [`127.0.0.1:${port()}`, `localhost:${port()}`]) {
      expect((await get('staff/', host)).status, host).toBe(200);
      expect((await get('v1/status', host)).status, host).toBe(200);
    }
    expect(await upgradeStatus(`127.0.0.1:${port()}`)).toBe(101);
  });

  it('gives a rebinding name no page, no API and no health answer', async () => {
    for (const host of [`evil.example:${port()}`, 'evil.example']) {
      for (const path of ['staff/', 'v1/status', 'v1/events', 'metrics', 'healthz']) {
        const answer = await get(path, host);
        expect(answer.status, `${host} ${path}`).toBe(421);
        expect(answer.body, `${host} ${path}`).not.toMatch(/<html|kioskId|"status":"ok"/i);
      }
      expect(await upgradeStatus(host)).toBe(421);
    }
  });
});
