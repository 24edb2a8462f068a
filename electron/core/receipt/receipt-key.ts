// The kiosk's receipt-signing key: Ed25519, made on first start, the private half 0600 in
// the data folder. Only the public half is needed to verify a resident's receipt.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const PRIVATE_KEY_FILE = 'receipt-key.pem';
export const PUBLIC_KEY_FILE = 'receipt-key.pub.pem';

export interface ReceiptKey {
  sign(data: Buffer): Buffer;
  /** The raw 32-byte public key, base64url (as the `kiosk.key` event records it). */
  readonly publicKey: string;
  /** `sha256:` + hex of the raw public key: what the admin screen shows to compare. */
  readonly fingerprint: string;
  /** True when this start made the key: the kiosk then writes `kiosk.key`. */
  readonly created: boolean;
}

export async function openReceiptKey(dataDir: string): Promise<ReceiptKey> {
  const path = join(dataDir, PRIVATE_KEY_FILE);
  let privateKey: KeyObject;
  let created = false;
  try {
    privateKey = createPrivateKey(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`${path} is not a readable private key: ${(error as Error).message}`);
    privateKey = generateKeyPairSync('ed25519').privateKey;
    // wx: never overwrite a key another process made in the meantime.
    await writeFile(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    created = true;
  }
  await chmod(path, 0o600);
  const publicKey = createPublicKey(privateKey);
  await writeFile(join(dataDir, PUBLIC_KEY_FILE), publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
  const raw = rawPublicKey(publicKey);
  return {
    sign: (data) => sign(null, data, privateKey),
    publicKey: raw.toString('base64url'),
    fingerprint: keyFingerprint(raw),
    created,
  };
}

export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('not an Ed25519 public key');
  return Buffer.from(jwk.x, 'base64url');
}

export function keyFingerprint(raw: Buffer): string {
  return `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

/** A public key from a PEM file, or from the raw base64url a `kiosk.key` event holds. */
export function publicKeyFrom(text: string): KeyObject {
  const trimmed = text.trim();
  if (/^[A-Za-z0-9_-]{43}$/.test(trimmed)) return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: trimmed }, format: 'jwk' });
  return createPublicKey(trimmed);
}
