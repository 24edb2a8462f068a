// The resident's receipt: signed by the kiosk's own key, kept 0600; an altered or
// invented receipt is told apart with only the public key.
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRIVATE_KEY_FILE, PUBLIC_KEY_FILE, openReceiptKey, publicKeyFrom } from '../../../electron/core/receipt/receipt-key.js';
import { makeReceipt, verifyReceipt } from '../../../electron/core/receipt/resident-receipt.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kokuchi-receipt-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const fields = {
  kioskId: 'kiosk-1',
  counterId: 'counter-1',
  sessionId: '0190a1b2-0000-7000-8000-000000000001',
  ts: '2026-12-02T05:00:00.123Z',
  noticeVersion: `sha256:${'ab'.repeat(32)}`,
  answer: 'acknowledged' as const,
};

describe('resident receipt', () => {
  it('verifies with the public key file alone and gives back the session and notice', async () => {
    const key = await openReceiptKey(dir);
    expect(key.created).toBe(true);
    expect((await stat(join(dir, PRIVATE_KEY_FILE))).mode & 0o777).toBe(0o600);
    const text = makeReceipt(fields, key.sign);
    expect(text).toMatch(/^KKC1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(text.length).toBeLessThan(400);
    const publicKey = publicKeyFrom(await readFile(join(dir, PUBLIC_KEY_FILE), 'utf8'));
    expect(verifyReceipt(text, publicKey)).toEqual({ genuine: true, fields });
    // The raw key a `kiosk.key` event records verifies it too.
    expect(verifyReceipt(text, publicKeyFrom(key.publicKey)).genuine).toBe(true);
    // The same key on the next start: old receipts stay verifiable.
    const again = await openReceiptKey(dir);
    expect([again.created, again.fingerprint]).toEqual([false, key.fingerprint]);
  });

  it('refuses an altered payload, another kiosk’s signature and text that is not a receipt', async () => {
    const key = await openReceiptKey(dir);
    const publicKey = publicKeyFrom(key.publicKey);
    const [prefix, , signature] = makeReceipt(fields, key.sign).split('.');
    const forged = Buffer.from(JSON.stringify({ k: 'kiosk-1', c: 'counter-1', s: 'other', t: fields.ts, n: 'q'.repeat(43), a: 'acknowledged' })).toString('base64url');
    expect(verifyReceipt(`${prefix}.${forged}.${signature}`, publicKey)).toMatchObject({ genuine: false, problem: /signature/ });
    const other = generateKeyPairSync('ed25519').privateKey;
    const invented = makeReceipt(fields, (data) => sign(null, data, other));
    expect(verifyReceipt(invented, publicKey).genuine).toBe(false);
    expect(verifyReceipt('hello', publicKey)).toMatchObject({ genuine: false, problem: /KKC1/ });
  });
});
