// The admin status as the admin screen gets it: here, the receipt key line — the
// fingerprint of the key that signs residents' receipts, and nothing of its private half.
import { createHash, createPublicKey } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { adminStatus, type AdminStatusSources } from '../../../electron/core/admin/admin-status.js';
import { PRIVATE_KEY_FILE, PUBLIC_KEY_FILE, openReceiptKey } from '../../../electron/core/receipt/receipt-key.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

function sources(receiptKeyFingerprint: string, dataDir: string): AdminStatusSources {
  return {
    kioskId: 'kiosk-1',
    counterId: 'shimin-3',
    version: '1.0.0',
    staffLinkUrl: 'http://127.0.0.1:4780/',
    token: () => 't'.repeat(43),
    staffClients: () => 0,
    webhooks: () => [],
    ledgerDir: join(dataDir, 'ledger'),
    lastSeq: () => 0,
    clock: () => ({ trusted: true, offsetMs: 0, jumps: 0, lastJumpAt: null }),
    languages: ['ja', 'en'],
    problems: [],
    interfaces: () => ({}),
    receiptKeyFingerprint,
  };
}

describe('adminStatus: the receipt key', () => {
  it("carries the fingerprint of the kiosk's public key file, and no part of the private key", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kokuchi-admin-status-'));
    dirs.push(dataDir);
    const key = await openReceiptKey(dataDir);
    const status = await adminStatus(sources(key.fingerprint, dataDir), false);

    // What an auditor computes from the public key file alone.
    const jwk = createPublicKey(await readFile(join(dataDir, PUBLIC_KEY_FILE), 'utf8')).export({ format: 'jwk' });
    const expected = `sha256:${createHash('sha256').update(Buffer.from(jwk.x as string, 'base64url')).digest('hex')}`;
    expect(status.receiptKey).toEqual({ fingerprint: expected });

    const privateBody = (await readFile(join(dataDir, PRIVATE_KEY_FILE), 'utf8')).split('\n').slice(1, -2).join('');
    expect(privateBody.length).toBeGreaterThan(20);
    expect(JSON.stringify(status)).not.toContain(privateBody);
  });

  it('follows the key: another kiosk folder, another fingerprint', async () => {
    const [a, b] = [await mkdtemp(join(tmpdir(), 'kokuchi-admin-status-')), await mkdtemp(join(tmpdir(), 'kokuchi-admin-status-'))];
    dirs.push(a, b);
    const [first, second] = [await openReceiptKey(a), await openReceiptKey(b)];
    const shown = await Promise.all([adminStatus(sources(first.fingerprint, a), false), adminStatus(sources(second.fingerprint, b), false)]);
    expect(shown[0].receiptKey.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(shown[0].receiptKey.fingerprint).not.toBe(shown[1].receiptKey.fingerprint);
  });
});
