// The staff link over TLS from `staffLink.tls`, with a throwaway self-signed certificate
// made by the `openssl` command: HTTPS and WSS work for a client that trusts it, plain
// HTTP gets nothing, and a certificate file that cannot be used stops the start by name.
import { mkdir, readFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskCore } from '../../electron/core/kiosk-core.js';
import { startCoreInProcess } from '../support/kiosk-in-process.js';
import { TOKEN, makeDataDir, removeDataDir } from '../support/kiosk-process.js';
import { makeSelfSignedCertificate } from '../support/self-signed-certificate.js';

let dataDir: string;
let cert: string;
let key: string;
let ca: Buffer;
let core: KioskCore;

function kioskWith(tls: { cert: string; key: string }, dir = dataDir): Promise<KioskCore> {
  return startCoreInProcess({ dataDir: dir, config: { staffLink: { tls } } });
}

function httpsGet(url: string, options: { ca?: Buffer; token?: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = options.token ? { authorization: `Bearer ${options.token}` } : {};
    const req = httpsRequest(url, { ...(options.ca && { ca: options.ca }), headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  dataDir = await makeDataDir();
  const tlsDir = join(dataDir, 'tls');
  await mkdir(tlsDir);
  ({ cert, key } = makeSelfSignedCertificate(tlsDir));
  ca = await readFile(cert);
  core = await kioskWith({ cert, key });
});

afterAll(async () => {
  await core?.close();
  await removeDataDir(dataDir);
});

describe('staff link over TLS', () => {
  it('answers HTTPS for a client that trusts the certificate, and fails the handshake for one that does not', async () => {
    expect(core.staffLinkUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await httpsGet(new URL('healthz', core.staffLinkUrl).href, { ca })).toEqual({ status: 200, body: '{"status":"ok"}' });
    const status = await httpsGet(new URL('v1/status', core.staffLinkUrl).href, { ca, token: TOKEN });
    expect(status.status).toBe(200);
    expect(JSON.parse(status.body)).toMatchObject({ counterId: 'counter-1' });
    await expect(httpsGet(new URL('healthz', core.staffLinkUrl).href, {})).rejects.toThrow(/self[- ]signed/i);
  });

  it('runs the WebSocket over WSS', async () => {
    const ws = new WebSocket(core.staffLinkUrl.replace(/^https/, 'wss') + 'v1/staff', { ca, headers: { authorization: `Bearer ${TOKEN}` } });
    const frames: Array<Record<string, unknown>> = [];
    const got = (type: string) =>
      new Promise<void>((resolve) => {
        const check = () => (frames.some((f) => f.type === type) ? resolve() : ws.once('message', check));
        check();
      });
    ws.on('message', (data) => frames.push(JSON.parse(data.toString()) as Record<string, unknown>));
    await got('welcome');
    ws.send(JSON.stringify({ type: 'ping', id: 'tls' }));
    await got('result');
    expect(frames.find((f) => f.type === 'result')).toMatchObject({ id: 'tls', ok: true });
    ws.close();
  });

  it('gives plain HTTP and plain WebSocket nothing', async () => {
    const plain = core.staffLinkUrl.replace(/^https/, 'http');
    await expect(fetch(new URL('healthz', plain))).rejects.toThrow();
    const ws = new WebSocket(plain.replace(/^http/, 'ws') + 'v1/staff', { headers: { authorization: `Bearer ${TOKEN}` } });
    await expect(new Promise((resolve, reject) => (ws.on('open', resolve), ws.on('error', reject)))).rejects.toThrow();
  });
});

describe('staff link certificate problems', () => {
  it.each([
    ['a missing certificate', () => ({ cert: join(dataDir, 'tls', 'missing-cert.pem'), key }), /^staffLink\.tls\.cert: cannot read .*missing-cert\.pem \(no such file\)$/],
    ['a missing key', () => ({ cert, key: join(dataDir, 'tls', 'missing-key.pem') }), /^staffLink\.tls\.key: cannot read .*missing-key\.pem \(no such file\)$/],
    ['a folder instead of a file', () => ({ cert: join(dataDir, 'tls'), key }), /^staffLink\.tls\.cert: cannot read .*tls \(EISDIR\)$/],
    ['a file that is not PEM', () => ({ cert: join(dataDir, 'kokuchi.config.json'), key }), /^staffLink\.tls: .*kokuchi\.config\.json and .*key\.pem are not a matching PEM certificate and private key/],
  ])('stops the start with one line naming %s, and leaves the ledger free', async (_what, tls, message) => {
    const dir = await makeDataDir();
    try {
      await expect(kioskWith(tls(), dir)).rejects.toThrow(message);
      // The failed start released the ledger lock: the same folder starts cleanly without TLS.
      const plain = await startCoreInProcess({ dataDir: dir, config: {} });
      await plain.close();
    } finally {
      await removeDataDir(dir);
    }
  });
});
