import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  createAppRequestHandler,
  registerAppScheme,
  resolveAppFile,
  serveAppProtocol,
} from '../../../electron/main/app-protocol.js';
import { FakeProtocol } from '../../fixtures/fake-electron.js';

let base: string;
let rootDir: string;
const read: string[] = [];
const recordingReadFile = (file: string): Promise<Uint8Array> => {
  read.push(file);
  return readFile(file);
};

beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'kokuchi-protocol-'));
  rootDir = path.join(base, 'dist', 'renderer');
  mkdirSync(path.join(rootDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rootDir, 'index.html'), '<!doctype html><title>Kokuchi</title>');
  writeFileSync(path.join(rootDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(base, 'secret.txt'), 'outside the renderer');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

function get(url: string): Promise<Response> {
  return createAppRequestHandler({ rootDir, readFile: recordingReadFile })({ url, method: 'GET' });
}

describe('serveAppProtocol', () => {
  it('serves index.html with the strict CSP header', async () => {
    const protocol = new FakeProtocol();
    serveAppProtocol(protocol, { rootDir });
    const handler = protocol.handlers.get('kokuchi');
    expect(handler).toBeDefined();
    const response = await handler!(new Request('kokuchi://app/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toBe(readFileSync(path.join(rootDir, 'index.html'), 'utf8'));
  });

  it('uses exactly the policy the runtime spec fixes', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self'; media-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
        "frame-ancestors 'none'; form-action 'none'",
    );
  });

  it('serves assets with their type, and the root as index.html', async () => {
    const script = await get('kokuchi://app/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('kokuchi://app/')).status).toBe(200);
  });

  it.each([
    'kokuchi://app/../../etc/passwd',
    'kokuchi://app/../secret.txt',
    'kokuchi://app/assets/../../secret.txt',
    'kokuchi://app/%2e%2e/secret.txt',
    'kokuchi://app/..%2fsecret.txt',
    'kokuchi://app/..%5csecret.txt',
    'kokuchi://app/%00index.html',
    'kokuchi://evil/index.html',
    'https://app/index.html',
  ])('refuses %s with 403 and reads nothing', async (url) => {
    read.length = 0;
    const response = await get(url);
    expect(response.status).toBe(403);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(read).toEqual([]);
  });

  it('never reads outside the renderer folder, even once the URL is normalised', async () => {
    read.length = 0;
    const response = await createAppRequestHandler({ rootDir, readFile: recordingReadFile })(
      new Request('kokuchi://app/../../etc/passwd'),
    );
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('root:');
    for (const file of read) expect(path.relative(rootDir, file).startsWith('..')).toBe(false);
  });

  it('answers a missing file with 404 and a non-GET with 405', async () => {
    expect((await get('kokuchi://app/nope.js')).status).toBe(404);
    const post = await createAppRequestHandler({ rootDir })({ url: 'kokuchi://app/index.html', method: 'POST' });
    expect(post.status).toBe(405);
  });
});

describe('resolveAppFile', () => {
  it('maps app URLs into the root and nothing else', () => {
    expect(resolveAppFile(rootDir, 'kokuchi://app/index.html?x=1#y')).toBe(path.join(rootDir, 'index.html'));
    expect(resolveAppFile(rootDir, 'kokuchi://app/../../etc/passwd')).toBeNull();
    expect(resolveAppFile(rootDir, 'kokuchi://app/%E0%A4%A')).toBeNull();
  });
});

describe('registerAppScheme', () => {
  it('registers kokuchi as standard and secure', () => {
    const protocol = new FakeProtocol();
    registerAppScheme(protocol);
    expect(protocol.privilegedSchemes).toEqual([APP_SCHEME_PRIVILEGES]);
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'kokuchi', privileges: { standard: true, secure: true } });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeUndefined();
  });
});
