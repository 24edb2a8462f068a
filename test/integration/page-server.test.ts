// The headless shell's page server: it serves the built page with its CSP, nothing outside
// that folder, and a hostile path never takes it down.
import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
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
function get(path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}/`, { path, method: 'GET' }, (res) => {
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
