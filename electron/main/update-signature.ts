// Checks a downloaded update against the detached Ed25519 signature published beside it
// (`<file>.sig`, the 64 raw bytes `openssl pkeyutl -sign -rawin` writes, or them in base64).
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export interface SignatureSources {
  /** The feed's `.sig` beside the file, over HTTPS; null when the feed has none (404). */
  fetchSignature(url: string): Promise<Buffer | null>;
  readUpdate?: (file: string) => Promise<Buffer>;
}

function signatureBytes(body: Buffer): Buffer | null {
  if (body.length === 64) return body;
  const text = body.toString('latin1').trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  const decoded = Buffer.from(text, 'base64');
  return decoded.length === 64 ? decoded : null;
}

export function updateKey(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the update signing key must be an Ed25519 public key');
  return key;
}

/** Whether `file` is signed by `key`; every failure to fetch or read is a refusal, never a pass. */
export async function checkUpdateSignature(
  file: string,
  signatureUrl: string,
  key: KeyObject,
  sources: SignatureSources,
): Promise<SignatureCheck> {
  if (new URL(signatureUrl).protocol !== 'https:') return { ok: false, reason: 'the signature is not served over HTTPS' };
  let body: Buffer | null;
  try {
    body = await sources.fetchSignature(signatureUrl);
  } catch (error) {
    return { ok: false, reason: `the signature could not be fetched (${error instanceof Error ? error.message : String(error)})` };
  }
  if (body === null) return { ok: false, reason: 'unsigned: the feed has no signature for this update' };
  const signature = signatureBytes(body);
  if (signature === null) return { ok: false, reason: 'the signature file is not an Ed25519 signature' };
  let update: Buffer;
  try {
    update = await (sources.readUpdate ?? readFile)(file);
  } catch (error) {
    return { ok: false, reason: `the downloaded update cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  return verify(null, update, key, signature) ? { ok: true } : { ok: false, reason: 'bad signature: not signed with the key this kiosk ships' };
}

/** `fetchSignature` over the platform fetch: 404 means unsigned, any other non-2xx is an error. */
export async function fetchSignatureOverHttps(url: string): Promise<Buffer | null> {
  const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(30_000) });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > 4096) throw new Error('the signature file is too large');
  return bytes;
}
