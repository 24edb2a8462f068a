// The staff console's files on the staff link, over real HTTP: served without a token
// under a strict CSP, and nothing outside staff/ and assets/ reachable, however asked.
import { request } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskCore } from '../../electron/core/kiosk-core.js';
import { startCoreInProcess } from '../support/kiosk-in-process.js';
import { makeDataDir, removeDataDir } from '../support/kiosk-process.js';
import { staffApi } from '../support/staff-api.js';

const SECRET = 'kiosk page secret content';
let withConsole: KioskCore;
let withoutConsole: KioskCore;
const dirs: string[] = [];

function start(consoleDir: string | undefined, dataDir: string): Promise<KioskCore> {
  return startCoreInProcess({ dataDir, ...(consoleDir !== undefined && { consoleDir }) });
}

/** A raw request, so the path goes out exactly as written (fetch would normalise `..`). */
function get(base: string, path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  const rendererDir = await makeDataDir();
  dirs.push(rendererDir);
  await mkdir(join(rendererDir, 'staff'));
  await mkdir(join(rendererDir, 'assets'));
  await writeFile(join(rendererDir, 'staff', 'index.html'), '<!doctype html><title>console</title><script type="module" src="../assets/staff-abc.js"></script>');
  await writeFile(join(rendererDir, 'assets', 'staff-abc.js'), 'export {};');
  await writeFile(join(rendererDir, 'assets', 'notes.txt'), SECRET);
  await writeFile(join(rendererDir, 'index.html'), SECRET);
  await writeFile(join(rendererDir, 'secret.txt'), SECRET);
  const [dataA, dataB] = [await makeDataDir(), await makeDataDir()];
  dirs.push(dataA, dataB);
  withConsole = await start(rendererDir, dataA);
  withoutConsole = await start(undefined, dataB);
});

afterAll(async () => {
  await withConsole?.close();
  await withoutConsole?.close();
  for (const dir of dirs) await removeDataDir(dir);
});

describe('staff console files', () => {
  it('serves /staff/ and its assets without a token, under the strict CSP', async () => {
    const base = withConsole.staffLinkUrl;
    expect(await get(base, '/staff')).toMatchObject({ status: 308, headers: { location: '/staff/' } });
    const page = await get(base, '/staff/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.body).toContain('../assets/staff-abc.js');

    const script = await get(base, '/assets/staff-abc.js');
    expect(script).toMatchObject({ status: 200, body: 'export {};', headers: { 'content-type': 'text/javascript; charset=utf-8' } });
    expect(await get(base, '/assets/staff-abc.js', 'HEAD')).toMatchObject({ status: 200, body: '' });
  });

  it('answers an unknown asset with a plain 404 that does not count as a failed login', async () => {
    const base = withConsole.staffLinkUrl;
    for (let i = 0; i < 8; i++) expect((await get(base, `/assets/missing-${i}.js`)).status).toBe(404);
    const status = await staffApi(base).get('v1/status');
    expect(status.status).toBe(200);
  });

  it('reaches nothing outside staff/ and assets/, however the path is written', async () => {
    const base = withConsole.staffLinkUrl;
    const attempts = [
      '/assets/../secret.txt',
      '/assets/..%2fsecret.txt',
      '/assets/%2e%2e/index.html',
      '/assets/%2e%2e%2fsecret.txt',
      '/staff/../index.html',
      '/staff/..%2fsecret.txt',
      '/assets/..',
      '/assets/notes.txt',
      '/index.html',
      '//secret.txt',
    ];
    for (const path of attempts) {
      const res = await get(base, path);
      expect(res.body, path).not.toContain(SECRET);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
    }
  });

  it('says the console is not installed when the kiosk was started without it', async () => {
    const res = await get(withoutConsole.staffLinkUrl, '/staff/');
    expect(res).toMatchObject({ status: 404, body: 'the staff console is not installed with this kiosk' });
  });
});
